package io.flumelab.labs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.atguigu.MySink;
import com.atguigu.MySource;
import io.flumelab.api.Context;
import io.flumelab.api.Sink.Status;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.LoggerSinkOutput;
import io.flumelab.harness.Points;
import io.flumelab.harness.TestChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@LabTest
@DisplayName("Lab 08: your own source and sink")
class CustomSourceSinkIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final Path sourceJob = Lab.file("jobs/mysource.conf");
  private final Path sinkJob = Lab.file("jobs/mysink.conf");

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("MySource reads its keys: field=x, delay=1 gives x0 ... x4 in one process() call")
  void theSourceReadsItsKeys() throws Exception {
    TestChannel channel = TestChannel.memory(100, 10);
    MySource source = new MySource();
    source.setName("r1");
    source.configure(new Context(Map.of("field", "x", "delay", "1")));
    channel.feedFrom(source);

    source.process();

    List<String> bodies = channel.takeAll();
    assertThat(bodies).as("the bodies one process() call put into the channel")
        .containsExactly("x0", "x1", "x2", "x3", "x4");
  }

  @Test
  @Order(2)
  @Points(20)
  @DisplayName("MySource makes atguigu0 ... atguigu4, each its own event, from the configured field")
  void theSourceMakesNumberedEvents(Agents agents) {
    AgentProcess agent = agents.start("a1", sourceJob);

    for (int i = 0; i < 5; i++) {
      agent.awaitLine(LoggerSinkOutput.eventLine("atguigu" + i), WAIT);
    }
  }

  @Test
  @Order(3)
  @Points(20)
  @DisplayName("MySink logs every line between its prefix and suffix")
  void theSinkWrapsEachBody(Agents agents) {
    AgentProcess agent = agents.start("a1", sinkJob).awaitListening("localhost", 44444);

    try (LineClient nc = LineClient.connect("localhost", 44444)) {
      for (String line : List.of("hello", "world")) {
        nc.send(line);
        assertThat(nc.readLine(WAIT)).as("netcat's reply to '%s'", line).isEqualTo("OK");
      }
    }

    agent.awaitLine("FlumeLab:hello:bigdata", WAIT);
    agent.awaitLine("FlumeLab:world:bigdata", WAIT);
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("MySink takes one event per call (READY) and ends its transaction on an empty channel (BACKOFF)")
  void anEmptyChannelEndsTheTransaction() throws Exception {
    TestChannel channel = TestChannel.memory(100, 10);
    MySink sink = new MySink();
    sink.setName("k1");
    sink.configure(new Context(Map.of("prefix", "p:", "suffix", ":s")));
    sink.setChannel(channel.channel());
    sink.start();
    channel.put("one");

    assertThat(sink.process()).as("process() with an event waiting").isEqualTo(Status.READY);
    assertThat(channel.size()).as("events left in the channel: the take was committed").isZero();

    CompletableFuture<Status> call = CompletableFuture.supplyAsync(() -> {
      try {
        return sink.process();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(call::isDone);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("MySink.process() did not return within 5 s on an empty channel: "
          + "waiting for an event inside the transaction holds it open and keeps a core busy", e);
    }
    assertThat(call.join()).as("process() on an empty channel").isEqualTo(Status.BACKOFF);

    channel.put("after");
    assertThat(channel.size()).as("events in the channel after a put").isEqualTo(1);
  }
}
