package io.flumelab.labs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentCounters;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.JobVariant;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.LocalFiles;
import io.flumelab.harness.LoggerSinkOutput;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MySource and MySink in real agents, whichever API they are written against (Apache Flume's
 * {@code org.apache.flume.*}, as in the notes, or FlumeLab's {@code io.flumelab.api.*}): the tests
 * judge what the agents log and deliver, never call the classes themselves.
 */
@LabTest
@DisplayName("Lab 08: your own source and sink")
class CustomSourceSinkIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String MY_SOURCE = "com.atguigu.MySource";
  private static final int DOWNSTREAM_PORT = 44497;
  private static final int MONITORING_PORT = 44498;

  private final Path sourceJob = Lab.file("jobs/mysource.conf");
  private final Path sinkJob = Lab.file("jobs/mysink.conf");

  @TempDir
  Path dir;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("MySource reads its keys: with field=x and delay=1 in the job the agent logs x0 ... x4")
  void theSourceReadsItsKeys(Agents agents) {
    JobVariant job = JobVariant.of(sourceJob);
    for (String source : job.named("a1", "sources", MY_SOURCE)) {
      job.set("a1.sources." + source + ".field", "x").set("a1.sources." + source + ".delay", "1");
    }
    AgentProcess agent = agents.start("a1", job.writeTo(dir.resolve("field-x.conf")));

    for (int i = 0; i < 5; i++) {
      try {
        agent.awaitLine(LoggerSinkOutput.eventLine("x" + i), WAIT);
      } catch (AssertionError e) {
        throw new AssertionError("The agent did not log the body x" + i + " with field = x in the "
            + "job: configure() must keep the values it reads (context.getString(\"field\", "
            + "\"hello\") returns the value; it does not store it anywhere).", e);
      }
    }
  }

  @Test
  @Order(2)
  @Points(20)
  @DisplayName("MySource makes x0 ... x4 as five events of their own: kept in a channel while the next agent is down, they still read x0 ... x4")
  void eachEventIsItsOwn(Agents agents) throws IOException {
    JobVariant job = JobVariant.of(sourceJob);
    String source = job.named("a1", "sources", MY_SOURCE).get(0);
    String channel = job.get("a1.sources." + source + ".channels").split("\\s+")[0];
    job.set("a1.sources." + source + ".field", "x").set("a1.sources." + source + ".delay", "1")
        .remove("a1.sinks.").set("a1.sinks", "forward")
        .set("a1.sinks.forward.type", "avro").set("a1.sinks.forward.channel", channel)
        .set("a1.sinks.forward.hostname", "localhost")
        .set("a1.sinks.forward.port", String.valueOf(DOWNSTREAM_PORT));
    agents.start("a1", job.writeTo(dir.resolve("held.conf")), "-Dflume.monitoring.type=http",
        "-Dflume.monitoring.port=" + MONITORING_PORT);
    // the next agent is down: the events stay in a1's channel, as the objects the source gave it
    try {
      Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
          AgentCounters.read(MONITORING_PORT).channel(channel, "ChannelSize") >= 10);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("a1's channel " + channel + " did not hold 10 events within "
          + WAIT.toSeconds() + " s of the start, with field = x and delay = 1: does MySource's "
          + "process() run without an exception (see a1's output)?", e);
    }

    Files.createDirectories(dir.resolve("received"));
    agents.start("d1", Lab.given("downstream.conf"), "-DLAB08_DIR=" + dir)
        .awaitListening("localhost", DOWNSTREAM_PORT);
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> LocalFiles.completeLines(dir.resolve("received")).size() >= 10);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("The next agent received fewer than 10 events from a1 within 60 s",
          e);
    }

    List<String> first = LocalFiles.completeLines(dir.resolve("received")).subList(0, 10);
    assertThat(first).as("the first 10 bodies the next agent received, which waited in a1's "
        + "channel: a channel keeps the event object it is given, so a source that reuses one "
        + "object for its five events (setBody again after processEvent) changes the events "
        + "already in the channel; make a new event for each body (EventBuilder.withBody)")
        .containsExactly("x0", "x1", "x2", "x3", "x4", "x0", "x1", "x2", "x3", "x4");
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
  @DisplayName("MySink ends its transaction on an empty channel: with nothing to take, the agent stops cleanly on SIGTERM")
  void anEmptyChannelEndsTheTransaction(Agents agents) {
    AgentProcess agent = agents.start("a1", sinkJob).awaitListening("localhost", 44444);
    try (LineClient nc = LineClient.connect("localhost", 44444)) {
      nc.send("only");
      assertThat(nc.readLine(WAIT)).as("netcat's reply to 'only'").isEqualTo("OK");
    }
    agent.awaitLine(line -> line.contains("only"), "the line 'only', logged by MySink", WAIT);

    int status = agent.stop();

    String why = "A process() that loops on take() until an event comes keeps its transaction "
        + "open and never returns on an empty channel, so the agent cannot stop its sink; take() "
        + "returning null means the channel is empty: commit, close and return BACKOFF";
    assertThat(status).as("a1's exit status after SIGTERM, with its channel empty (0: every sink "
        + "finished). " + why).isZero();
    assertThat(agent.output()).as("a1's log after SIGTERM: its sink runner had to be interrupted "
        + "after the drain time. " + why).noneMatch(line ->
        line.contains("still delivering after its drain time"));
  }
}
