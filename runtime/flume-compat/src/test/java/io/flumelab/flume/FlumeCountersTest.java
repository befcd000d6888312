package io.flumelab.flume;

import static io.flumelab.flume.Wiring.channel;
import static io.flumelab.flume.Wiring.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.PollableSource;
import io.flumelab.core.monitor.MetricsJson;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.testing.SourceTesting;
import io.flumelab.flume.fixtures.ThroughputCounter;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flume.source.SequenceGeneratorSource;
import org.junit.jupiter.api.Test;

class FlumeCountersTest {

  /** Flume's classes and the fixtures are all on the test class path: one loader. */
  private static final Predicate<ClassLoader> THIS_AGENT =
      loader -> loader == FlumeCountersTest.class.getClassLoader();

  @Test
  void aFlumeSourceCounterIsReadAsAComponentCounterUnderFlumesNames() throws Exception {
    String name = "seq-counted-" + System.nanoTime();
    PollableSource source = create(ComponentKind.SOURCE, SequenceGeneratorSource.class, name,
        "batchSize", "5", "totalEvents", "15");
    source.setChannelProcessor(SourceTesting.processorInto(channel("c1")));
    source.start();
    source.process();
    source.process();

    ComponentCounter counter = counter(Wiring.API.counters(THIS_AGENT), name);

    assertThat(counter).isInstanceOf(MBeanCounter.class);
    assertThat(counter.getType()).isEqualTo("SOURCE");
    assertThat(counter.registersItself()).isTrue();
    assertThat(counter.get("EventAcceptedCount")).isEqualTo(10);
    assertThat(counter.get("AppendBatchAcceptedCount")).isEqualTo(2);
    assertThat(counter.getStartTime()).isPositive();
    assertThat(counter.snapshot()).containsEntry("EventAcceptedCount", 10L)
        .doesNotContainKey("Type");
    assertThat(counter.attributes()).containsEntry("Type", "SOURCE")
        .containsEntry("EventAcceptedCount", 10L);
    assertThat(MetricsJson.of(List.of(counter)))
        .contains("\"SOURCE." + name + "\":{")
        .contains("\"EventAcceptedCount\":\"10\"");
    // Flume's SourceCounter keeps FlumeLab's counters under the same names: described alike
    assertThat(counter.describe("EventAcceptedCount")).hasValue(SourceCounter.EVENT_ACCEPTED);
    assertThat(counter.describe("StartTime")).hasValue(ComponentCounter.START_TIME);

    source.process(); // the view reads JMX when asked: a third batch shows at once
    assertThat(counter.get("EventAcceptedCount")).isEqualTo(15);
    source.stop();
  }

  /** The agent says which loaders are its own: counters of an earlier agent's are left out. */
  @Test
  void countersOfOtherLoadersAreLeftOut() {
    String name = "SOURCESQL.other-" + System.nanoTime();
    new ThroughputCounter(name).start();

    assertThat(Wiring.API.counters(THIS_AGENT)).extracting(ComponentCounter::getName).contains(name);
    assertThat(Wiring.API.counters(loader -> false)).isEmpty();
  }

  @Test
  void aPluginsOwnCounterGroupShowsItsOwnAttributes() {
    String name = "SOURCESQL.r1-" + System.nanoTime();
    ThroughputCounter custom = new ThroughputCounter(name);
    custom.start();
    custom.addEvents(4);

    ComponentCounter counter = counter(Wiring.API.counters(THIS_AGENT), name);

    assertThat(counter.getType()).isEqualTo("SOURCE");
    assertThat(counter.attributes()).containsEntry("EventCount", 4L)
        .containsEntry("AverageThroughput", 2.0);
    assertThat(counter.snapshot()).containsEntry("EventCount", 4L)
        .doesNotContainKey("AverageThroughput");
    assertThat(counter.describe("EventCount")).as("a plugin's own name").isEmpty();
    assertThat(MetricsJson.of(List.of(counter))).contains("\"SOURCE." + name + "\":{")
        .contains("\"AverageThroughput\":\"2.0\"");
  }

  private static ComponentCounter counter(List<ComponentCounter> counters, String name) {
    return counters.stream().filter(c -> c.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no counter " + name + " in " + counters));
  }
}
