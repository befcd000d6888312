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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadBalancingSinkProcessorTest {

  private final MemoryChannel channel = SwitchableSink.channel(10_000);
  private final SwitchableSink k1 = SwitchableSink.named("k1", channel);
  private final SwitchableSink k2 = SwitchableSink.named("k2", channel);
  private final SwitchableSink k3 = SwitchableSink.named("k3", channel);

  @AfterEach
  void tearDown() {
    channel.stop();
  }

  private LoadBalancingSinkProcessor processor(Map<String, String> settings) {
    LoadBalancingSinkProcessor processor = new LoadBalancingSinkProcessor();
    processor.setSinks(List.of(k1, k2, k3));
    processor.configure(new Context(settings));
    return processor;
  }

  private static List<String> all(SwitchableSink... sinks) {
    List<String> all = new ArrayList<>();
    for (SwitchableSink sink : sinks) {
      all.addAll(sink.delivered);
    }
    return all;
  }

  @Test
  void roundRobinSpreadsBatchesEvenlyOverTheSinks() throws Exception {
    LoadBalancingSinkProcessor processor = processor(Map.of());
    put(channel, range("e", 0, 60));

    for (int i = 0; i < 6; i++) {
      assertThat(processor.process()).isEqualTo(Status.READY);
    }

    assertThat(k1.delivered).containsExactlyElementsOf(concat(range("e", 0, 10), range("e", 30, 40)));
    assertThat(k2.delivered).containsExactlyElementsOf(concat(range("e", 10, 20), range("e", 40, 50)));
    assertThat(k3.delivered).containsExactlyElementsOf(concat(range("e", 20, 30), range("e", 50, 60)));
  }

  @Test
  void withoutBackoffADeadSinkIsTriedEveryTimeAndTheNextSinkTakesItsBatch() throws Exception {
    LoadBalancingSinkProcessor processor = processor(Map.of());
    k2.down();
    put(channel, range("e", 0, 60));

    for (int i = 0; i < 6; i++) {
      assertThat(processor.process()).isEqualTo(Status.READY);
    }

    assertThat(all(k1, k3)).containsExactlyInAnyOrderElementsOf(range("e", 0, 60));
    assertThat(k2.calls.get()).isGreaterThan(1);
    assertThat(channel.size()).isZero();
  }

  @Test
  void withBackoffADeadSinkIsLeftOutAndNothingIsLost() throws Exception {
    LoadBalancingSinkProcessor processor = processor(Map.of("backoff", "true"));
    k2.down();
    put(channel, range("e", 0, 100));

    while (processor.process() == Status.READY) {
      // drain
    }

    assertThat(k2.calls.get()).isEqualTo(1);
    assertThat(all(k1, k3)).containsExactlyInAnyOrderElementsOf(range("e", 0, 100));
    assertThat(k1.batches.get()).isEqualTo(5);
    assertThat(k3.batches.get()).isEqualTo(5);
  }

  @Test
  void aBackedOffSinkComesBackAfterMaxTimeOut() throws Exception {
    LoadBalancingSinkProcessor processor = processor(Map.of("backoff", "true", "selector.maxTimeOut", "200"));
    k2.down();
    put(channel, range("e", 0, 30));
    processor.process();
    processor.process();
    k2.up();
    AtomicLong next = new AtomicLong();

    await().atMost(Duration.ofSeconds(5)).until(() -> {
      put(channel, range("f" + next.incrementAndGet() + "-", 0, 10));
      processor.process();
      return !k2.delivered.isEmpty();
    });

    assertThat(k2.failures.get()).isEqualTo(1);
  }

  @Test
  void whenAllSinksFailTheCallThrowsAndTheEventsStayInTheChannel() {
    LoadBalancingSinkProcessor processor = processor(Map.of("backoff", "true"));
    k1.down();
    k2.down();
    k3.down();
    put(channel, range("e", 0, 15));

    assertThatThrownBy(processor::process).isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("all 3 sinks tried (of k1, k2, k3) failed");
    assertThatThrownBy(processor::process).isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("every sink (k1, k2, k3) is backed off");

    assertThat(channel.size()).isEqualTo(15);
  }

  @Test
  void randomTriesEverySinkAndFallsThroughAFailure() throws Exception {
    LoadBalancingSinkProcessor processor = processor(Map.of("selector", "random"));
    k1.down();
    put(channel, range("e", 0, 500));

    while (processor.process() == Status.READY) {
      // drain
    }

    assertThat(processor.getSelector()).isInstanceOf(RandomSinkSelector.class);
    assertThat(k1.calls.get()).isPositive();
    assertThat(k2.batches.get()).isPositive();
    assertThat(k3.batches.get()).isPositive();
    assertThat(all(k2, k3)).containsExactlyInAnyOrderElementsOf(range("e", 0, 500));
  }

  @Test
  void aCustomSelectorIsNamedByItsClassAndGetsItsKeys() throws Exception {
    LoadBalancingSinkProcessor processor = processor(Map.of(
        "selector", LoadBalancingReverseSelector.class.getName(), "selector.weight.k1", "3"));
    put(channel, range("e", 0, 10));

    processor.start();
    processor.process();

    LoadBalancingReverseSelector selector = (LoadBalancingReverseSelector) processor.getSelector();
    assertThat(selector.context.getParameters()).containsEntry("weight.k1", "3");
    assertThat(selector.getLifecycleState()).isEqualTo(LifecycleState.START);
    assertThat(k3.delivered).hasSize(10);
    processor.stop();
    assertThat(List.<Sink>of(k1, k2, k3)).allMatch(s -> s.getLifecycleState() == LifecycleState.STOP);
  }

  @Test
  void anUnknownSelectorIsReported() {
    assertThatThrownBy(() -> processor(Map.of("selector", "round-robin")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("selector");
          assertThat(e.getFix()).contains("round_robin, random");
        });
  }

  @Test
  void aClassThatIsNotASelectorIsReported() {
    assertThatThrownBy(() -> processor(Map.of("selector", String.class.getName())))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getMessage()).contains("is not a sink selector"));
  }

  @Test
  void maxTimeOutWithASmallOIsCaught() {
    assertThatThrownBy(() -> processor(Map.of("backoff", "true", "selector.maxTimeout", "5000")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("selector.maxTimeout");
          assertThat(e.getFix()).contains("selector.maxTimeOut");
        });
  }

  @Test
  void oneSinkIsNotAGroupToBalance() {
    LoadBalancingSinkProcessor processor = new LoadBalancingSinkProcessor();

    assertThatThrownBy(() -> processor.setSinks(List.of(k1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 sinks");
  }
}
