package io.flumelab.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counters registered with what they mean, and those registered by name only. */
class ComponentCounterTest {

  @Test
  void everyValueTheCoresCountersReportIsDescribedUnderItsName() {
    for (ComponentCounter counter : new ComponentCounter[] {
        new SourceCounter("r1"), new ChannelCounter("c1"), new SinkCounter("k1")}) {
      for (Map.Entry<String, Object> attribute : counter.attributes().entrySet()) {
        if (attribute.getValue() instanceof Number) {
          assertThat(counter.describe(attribute.getKey())).as("%s %s", counter.getType(),
              attribute.getKey()).hasValueSatisfying(spec ->
                  assertThat(spec.name()).isEqualTo(attribute.getKey()));
        }
      }
    }
    assertThat(new ChannelCounter("c1").describe("ChannelFillPercentage"))
        .hasValue(ChannelCounter.CHANNEL_FILL_PERCENTAGE);
    assertThat(new SourceCounter("r1").describe("StartTime")).hasValue(ComponentCounter.START_TIME);
  }

  @Test
  void aCounterRegisteredByNameIsDescribedByNothing() {
    ComponentCounter plugin = new ComponentCounter("SOURCE", "r1") {
      {
        counter("EventCount").addAndGet(4);
      }
    };

    assertThat(plugin.get("EventCount")).isEqualTo(4);
    assertThat(plugin.describe("EventCount")).isEmpty();
    assertThat(plugin.describe("EventReceivedCount")).isEmpty();
    assertThat(plugin.describe("StopTime")).hasValue(ComponentCounter.STOP_TIME);
  }

  @Test
  void oneNameCannotMeanTwoThings() {
    assertThatThrownBy(() -> new ChannelCounter("c1") {
      {
        counter(CounterSpec.counter("ChannelSize", "Events ever put."));
      }
    }).isInstanceOf(IllegalStateException.class).hasMessageContaining("ChannelSize");
  }

  @Test
  void aSpecNeedsHelpAndASnakeCaseName() {
    assertThatThrownBy(() -> CounterSpec.counter("LogFsyncCount", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LogFsyncCount");
    assertThatThrownBy(() -> CounterSpec.gauge("OpenConnectionCount", "Connections open now.")
        .snakeName("openConnections"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openConnections");
  }
}
