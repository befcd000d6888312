package io.flumelab.core.sink;

import static io.flumelab.core.sink.SwitchableSink.concat;
import static io.flumelab.core.sink.SwitchableSink.put;
import static io.flumelab.core.sink.SwitchableSink.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink.Status;
import io.flumelab.api.Sink;
import io.flumelab.core.channel.MemoryChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailoverSinkProcessorTest {

  private final MemoryChannel channel = SwitchableSink.channel(10_000);
  private final SwitchableSink k1 = SwitchableSink.named("k1", channel);
  private final SwitchableSink k2 = SwitchableSink.named("k2", channel);
  private final SwitchableSink k3 = SwitchableSink.named("k3", channel);
  private final AtomicLong clock = new AtomicLong();
  private SinkRunner runner;

  @AfterEach
  void tearDown() {
    if (runner != null) {
      runner.stop();
    }
    channel.stop();
  }

  private FailoverSinkProcessor processor(Map<String, String> settings, Sink... sinks) {
    FailoverSinkProcessor processor = new FailoverSinkProcessor();
    processor.setSinks(List.of(sinks));
    processor.configure(new Context(settings));
    processor.setNanoClock(clock::get);
    return processor;
  }

  private void advanceMillis(long millis) {
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void theHighestPriorityDrainsAndUnsetPrioritiesRankBelowInListOrder() throws Exception {
    FailoverSinkProcessor processor = processor(Map.of("priority.k1", "5", "priority.k3", "10"), k1, k2, k3);
    put(channel, range("e", 0, 25));

    while (processor.process() == Status.READY) {
      // drain
    }

    assertThat(processor.getSinksByPriority()).containsExactly(k3, k1, k2);
    assertThat(k3.delivered).containsExactlyElementsOf(range("e", 0, 25));
    assertThat(k1.calls.get() + k2.calls.get()).isZero();
  }

  @Test
  void aFailingSinkHandsTheSameCallToTheNextAndLosesNothing() throws Exception {
    FailoverSinkProcessor processor = processor(Map.of("priority.k1", "10", "priority.k2", "5"), k1, k2);
    k1.down();
    put(channel, range("e", 0, 30));

    assertThat(processor.process()).isEqualTo(Status.READY);

    assertThat(k1.failures.get()).isEqualTo(1);
    assertThat(processor.isFailed(k1)).isTrue();
    assertThat(k2.delivered).containsExactlyElementsOf(range("e", 0, 10));
    while (processor.process() == Status.READY) {
      // k1 serves its penalty meanwhile
    }
    assertThat(k1.calls.get()).isEqualTo(1);
    assertThat(k2.delivered).containsExactlyElementsOf(range("e", 0, 30));
    assertThat(channel.size()).isZero();
  }

  @Test
  void thePenaltyStartsAtTwoSecondsDoublesAndAFailedSinkTakesOverOnceItDelivers() throws Exception {
    FailoverSinkProcessor processor = processor(Map.of("priority.k1", "10", "priority.k2", "5"), k1, k2);
    k1.down();
    put(channel, range("e", 0, 100));
    processor.process(); // k1 fails: 2 s

    advanceMillis(1999);
    processor.process();
    assertThat(k1.calls.get()).isEqualTo(1);

    advanceMillis(1);
    processor.process(); // tried again, fails again: 4 s
    assertThat(k1.calls.get()).isEqualTo(2);
    k1.up();
    advanceMillis(3999);
    processor.process();
    assertThat(k1.calls.get()).isEqualTo(2);

    advanceMillis(1);
    int k2Batches = k2.batches.get();
    processor.process();
    processor.process();

    assertThat(processor.isFailed(k1)).isFalse();
    assertThat(k1.batches.get()).isEqualTo(2);
    assertThat(k2.batches.get()).isEqualTo(k2Batches);
    assertThat(k2.batches.get()).isEqualTo(4); // one per call while k1 was failed
    assertThat(channel.size()).isEqualTo(40);
  }

  @Test
  void maxpenaltyCapsThePenalty() throws Exception {
    FailoverSinkProcessor processor = processor(Map.of("priority.k1", "10", "maxpenalty", "3000"), k1, k2);
    k1.down();
    put(channel, range("e", 0, 100));
    processor.process(); // 2 s
    advanceMillis(2000);
    processor.process(); // 4 s, capped at 3 s
    advanceMillis(2999);
    processor.process();
    assertThat(k1.calls.get()).isEqualTo(2);

    advanceMillis(1);
    processor.process();

    assertThat(k1.calls.get()).isEqualTo(3);
  }

  @Test
  void aRecoveredSinkThatFindsNothingStaysFailedUntilItDelivers() throws Exception {
    FailoverSinkProcessor processor = processor(Map.of("priority.k1", "10"), k1, k2);
    k1.down();
    put(channel, range("e", 0, 10));
    processor.process();
    k1.up();
    advanceMillis(2000);

    assertThat(processor.process()).isEqualTo(Status.BACKOFF); // channel empty: proves nothing
    assertThat(processor.isFailed(k1)).isTrue();

    put(channel, range("f", 0, 10));
    assertThat(processor.process()).isEqualTo(Status.READY);
    assertThat(processor.isFailed(k1)).isFalse();
    assertThat(k1.delivered).containsExactlyElementsOf(range("f", 0, 10));
  }

  @Test
  void whenEverySinkFailsTheCallThrowsAndTheEventsStayInTheChannel() throws Exception {
    FailoverSinkProcessor processor = processor(Map.of(), k1, k2);
    k1.down();
    k2.down();
    put(channel, range("e", 0, 15));

    assertThatThrownBy(processor::process).isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("all sinks (k1, k2) have failed").hasMessageContaining("Next try in 2000 ms")
        .hasCauseInstanceOf(EventDeliveryException.class);
    assertThatThrownBy(processor::process).isInstanceOf(EventDeliveryException.class);
    assertThat(k1.calls.get() + k2.calls.get()).isEqualTo(2); // both serve their penalty

    assertThat(channel.size()).isEqualTo(15);
  }

  @Test
  void startsAndStopsAllItsSinks() {
    FailoverSinkProcessor processor = processor(Map.of(), k1, k2);

    processor.start();
    assertThat(List.of(k1, k2)).allMatch(s -> s.getLifecycleState() == LifecycleState.START);
    processor.stop();

    assertThat(List.of(k1, k2)).allMatch(s -> s.getLifecycleState() == LifecycleState.STOP);
    assertThat(processor.getLifecycleState()).isEqualTo(LifecycleState.STOP);
  }

  @Test
  void equalPrioritiesKeepBothSinksInListOrderAndAreAFlawOfTheLaterOnesKey() {
    FailoverSinkProcessor processor = processor(Map.of("priority.k1", "5", "priority.k2", "5"), k2, k1);

    assertThat(processor.getSinksByPriority()).containsExactly(k2, k1);
    assertThat(processor.configurationFlaws()).singleElement().satisfies(flaw -> {
      assertThat(flaw.key()).isEqualTo("priority.k1");
      assertThat(flaw.message()).startsWith("sinks k2 and k1 have the same priority, 5: "
          + "Apache Flume keeps only one of them");
      assertThat(flaw.fix()).startsWith("Give k1 a priority of its own in priority.k1");
    });
  }

  @Test
  void aPriorityEqualToTheRankOfASinkWithoutOneIsAFlawOfTheKeyGiven() {
    // k2 has no priority: it ranks at -1, the first sink without one, as in Flume
    FailoverSinkProcessor processor = processor(Map.of("priority.k1", "-1"), k1, k2);

    assertThat(processor.configurationFlaws()).singleElement().satisfies(flaw -> {
      assertThat(flaw.key()).isEqualTo("priority.k1");
      assertThat(flaw.message()).startsWith("sinks k1 and k2 (no priority.k2, so it ranks at -1 "
          + "by its place in the group) have the same priority, -1");
    });
  }

  @Test
  void distinctPrioritiesAreNoFlaw() {
    assertThat(processor(Map.of("priority.k1", "10", "priority.k2", "5"), k1, k2, k3)
        .configurationFlaws()).isEmpty();
  }

  @Test
  void aPriorityForASinkOutsideTheGroupIsReported() {
    assertThatThrownBy(() -> processor(Map.of("priority.k9", "5"), k1, k2))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("priority.k9");
          assertThat(e.getMessage()).contains("names no sink of the group (its sinks: k1, k2)");
        });
  }

  @Test
  void aPriorityThatIsNotANumberIsReported() {
    assertThatThrownBy(() -> processor(Map.of("priority.k1", "high"), k1, k2))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("priority.k1"));
  }

  @Test
  void aNegativeMaxpenaltyIsReported() {
    assertThatThrownBy(() -> processor(Map.of("maxpenalty", "-1"), k1, k2))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("maxpenalty"));
  }

  /**
   * The acceptance case, in real time: with the high-priority sink's target down, events go to
   * the next sink and none is lost; when it comes back it takes over again after its penalty.
   */
  @Test
  void underARunnerTheBackupTakesOverAndTheRecoveredSinkTakesBack() {
    FailoverSinkProcessor processor = new FailoverSinkProcessor();
    processor.setSinks(List.of(k1, k2));
    processor.configure(new Context(Map.of("priority.k1", "10", "priority.k2", "5", "maxpenalty", "200")));
    runner = new SinkRunner("g1", processor, 10, 50);
    runner.start();
    put(channel, range("a", 0, 50));
    await().atMost(Duration.ofSeconds(5)).until(() -> k1.delivered.size() == 50);

    k1.down();
    put(channel, range("b", 0, 50));
    await().atMost(Duration.ofSeconds(5)).until(() -> k2.delivered.size() == 50);
    k1.up();
    List<String> trickle = new ArrayList<>();
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      // traffic keeps flowing; k1 is tried again once its penalty is over
      String body = "p" + trickle.size();
      trickle.add(body);
      put(channel, List.of(body));
      return !processor.isFailed(k1);
    });
    put(channel, range("c", 0, 50));
    await().atMost(Duration.ofSeconds(5)).until(() -> channel.size() == 0 && k1.delivered.contains("c49"));

    List<String> all = new ArrayList<>(k1.delivered);
    all.addAll(k2.delivered);
    assertThat(all).containsExactlyInAnyOrderElementsOf(
        concat(range("a", 0, 50), range("b", 0, 50), trickle, range("c", 0, 50)));
    assertThat(k2.delivered).startsWith(range("b", 0, 50).toArray(String[]::new));
    assertThat(k1.delivered).endsWith(range("c", 0, 50).toArray(String[]::new));
  }
}
