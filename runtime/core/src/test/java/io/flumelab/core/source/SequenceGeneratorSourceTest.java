package io.flumelab.core.source;

import static io.flumelab.core.testing.SourceTesting.processorInto;
import static io.flumelab.core.testing.TestData.bodies;
import static io.flumelab.core.testing.TestData.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.PollableSource.Status;
import io.flumelab.core.testing.SourceHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SequenceGeneratorSourceTest {

  @RegisterExtension
  final SourceHarness harness = new SourceHarness();

  private SourceRunner runner;

  @AfterEach
  void tearDown() {
    if (runner != null) {
      runner.stop();
    }
  }

  private SequenceGeneratorSource source(String... settings) {
    SequenceGeneratorSource source = new SequenceGeneratorSource();
    source.setName("r1");
    source.configure(new Context(settings(settings)));
    source.setChannelProcessor(processorInto(harness.channel()));
    return source;
  }

  private void channel(String... settings) {
    harness.startChannel(settings(settings));
  }

  /** Takes everything, in transactions the channel allows. */
  private List<String> drain() {
    return bodies(harness.takeAvailable());
  }

  private static List<String> numbers(long from, long to) {
    return LongStream.range(from, to).mapToObj(Long::toString).toList();
  }

  @Test
  void sendsTheCounterInBatchesAndBacksOffAfterTotalEvents() {
    channel();
    SequenceGeneratorSource source = source("batchSize", "3", "totalEvents", "10");
    source.start();
    List<Status> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(source.process());
    }
    assertThat(statuses).containsExactly(Status.READY, Status.READY, Status.READY, Status.READY,
        Status.BACKOFF);
    assertThat(drain()).isEqualTo(numbers(0, 10));
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(10);
    assertThat(source.getCounter().get("AppendBatchAcceptedCount")).isEqualTo(4);
  }

  @Test
  void aRefusedBatchIsOfferedAgainWithTheSameNumbers() {
    channel("capacity", "4", "transactionCapacity", "4", "keep-alive", "0");
    SequenceGeneratorSource source = source("batchSize", "3", "totalEvents", "10");
    source.start();
    List<String> received = new ArrayList<>();
    int backoffs = 0;
    for (int i = 0; i < 50 && received.size() < 10; i++) {
      if (source.process() == Status.BACKOFF) {
        backoffs++;
        received.addAll(drain());
      }
    }
    received.addAll(drain());
    assertThat(received).isEqualTo(numbers(0, 10));
    assertThat(backoffs).isPositive();
    assertThat(source.getCounter().getChannelWriteFail()).isPositive();
  }

  @Test
  void runsUnderThePollableRunner() {
    channel("capacity", "1000", "transactionCapacity", "100");
    runner = SourceRunner.forSource(source("batchSize", "100", "totalEvents", "500"));
    runner.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.channel().size() == 500);
    assertThat(drain()).isEqualTo(numbers(0, 500));
  }

  @Test
  void badSettingsNameTheirKey() {
    channel();
    assertThatThrownBy(() -> source("batchSize", "0"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("batchSize"));
    assertThatThrownBy(() -> source("totalEvents", "-1"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("totalEvents"));
  }
}
