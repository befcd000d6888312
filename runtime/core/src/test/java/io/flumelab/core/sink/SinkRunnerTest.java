package io.flumelab.core.sink;

import static io.flumelab.core.sink.SwitchableSink.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.core.channel.MemoryChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SinkRunnerTest {

  private final MemoryChannel channel = SwitchableSink.channel(10000);
  private final SwitchableSink sink = SwitchableSink.named("k1", channel);
  private SinkRunner runner;

  @BeforeEach
  void setUp() {
    DefaultSinkProcessor processor = new DefaultSinkProcessor();
    processor.setSinks(List.of(sink));
    runner = new SinkRunner("k1", processor, 10, 50);
  }

  @AfterEach
  void tearDown() {
    runner.stop();
    channel.stop();
  }

  @Test
  void anIdleSinkDeliversEventsCommittedLater() {
    runner.start();

    put(channel, range(0, 5));

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.delivered.size() == 5);
    assertThat(sink.delivered).containsExactlyElementsOf(range(0, 5));
  }

  @Test
  void aFailingSinkIsRetriedAndLosesNothing() {
    sink.failuresLeft.set(3);
    put(channel, range(0, 50));

    runner.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.delivered.size() == 50);
    assertThat(sink.delivered).containsExactlyElementsOf(range(0, 50));
    assertThat(sink.calls.get()).isGreaterThan(3);
  }

  @Test
  void aGracefulStopDrainsTheChannelFirst() {
    put(channel, range(0, 2000));
    runner.start();

    runner.stop(5000);

    assertThat(sink.delivered).containsExactlyElementsOf(range(0, 2000));
    assertThat(channel.size()).isZero();
  }

  private static List<String> range(int from, int to) {
    return SwitchableSink.range("e", from, to);
  }
}
