package io.flumelab.core.config;

import static io.flumelab.core.testing.AgentTesting.REAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch larger than its channel's transactionCapacity is refused before it ever fails, as Flume 1.11 does. */
class BatchFitsChannelTest {

  private static List<String> errors(String config) {
    return AgentConfigurations.check("job.conf", config, "a1", REAL).errors().stream()
        .map(Problem::render).toList();
  }

  @Test
  void aSinkBatchAboveTheTransactionCapacityIsNamedWithBothFixes() {
    List<String> errors = errors("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = seq
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.channels.c1.transactionCapacity = 100
        a1.sinks.k1.type = file_roll
        a1.sinks.k1.sink.directory = /tmp
        a1.sinks.k1.sink.batchSize = 1000
        a1.sinks.k1.channel = c1
        """);

    assertThat(errors).containsExactly(
        "job.conf:10: a1.sinks.k1.sink.batchSize: sink 'k1' moves batches of 1000 events "
            + "(sink.batchSize) but channel c1 takes at most 100 in one transaction "
            + "(transactionCapacity): a batch would fail whenever more than 100 events are ready. "
            + "Set 'a1.channels.c1.transactionCapacity = 1000' or more, or "
            + "'a1.sinks.k1.sink.batchSize = 100' or less.");
  }

  @Test
  void aDefaultBatchIsPointedAtTheChannelsSetting() {
    List<String> errors = errors("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = exec
        a1.sources.r1.command = true
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.channels.c1.transactionCapacity = 10
        a1.sinks.k1.type = null
        a1.sinks.k1.batchSize = 10
        a1.sinks.k1.channel = c1
        """);

    assertThat(errors).containsExactly(
        "job.conf:8: a1.channels.c1.transactionCapacity: source 'r1' moves batches of 20 events "
            + "(its default batchSize) but channel c1 takes at most 10 in one transaction "
            + "(transactionCapacity): a batch would fail whenever more than 10 events are ready. "
            + "Set 'a1.channels.c1.transactionCapacity = 20' or more, or "
            + "'a1.sources.r1.batchSize = 10' or less.");
  }

  @Test
  void batchesThatFitRaiseNothing() {
    List<String> errors = errors("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = exec
        a1.sources.r1.command = true
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = null
        a1.sinks.k1.channel = c1
        """);

    assertThat(errors).isEmpty();
  }

  @Test
  void aCustomSourceWhoseBatchExceedsTheCapacityIsRefusedAtItsTypeLine() {
    List<String> errors = errors("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = io.flumelab.core.config.fixtures.BatchingSource
        a1.sources.r1.batchSize = 500
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = null
        a1.sinks.k1.channel = c1
        """);

    assertThat(errors).containsExactly("job.conf:4: a1.sources.r1.type: source 'r1' "
        + "(io.flumelab.core.config.fixtures.BatchingSource) moves batches of 500 events but channel "
        + "c1 takes at most 100 in one transaction: a batch would fail whenever more than 100 events "
        + "are ready. Lower the source's batch size to 100 or less, or set "
        + "'a1.channels.c1.transactionCapacity = 500' or more.");
  }

  @Test
  void aBuiltInSinkOverACustomChannelIsCheckedThroughTheChannelsCapability() {
    List<String> errors = errors("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = seq
        a1.sources.r1.channels = c1
        a1.channels.c1.type = io.flumelab.core.config.fixtures.SmallChannel
        a1.channels.c1.transactionCapacity = 50
        a1.sinks.k1.type = null
        a1.sinks.k1.batchSize = 80
        a1.sinks.k1.channel = c1
        """);

    assertThat(errors).containsExactly("job.conf:8: a1.sinks.k1.type: sink 'k1' "
        + "(io.flumelab.core.sink.NullSink) moves batches of 80 events but channel c1 takes at most "
        + "50 in one transaction: a batch would fail whenever more than 50 events are ready. Lower "
        + "the sink's batch size to 50 or less, or raise channel c1's transaction capacity to 80 or "
        + "more.");
  }
}
