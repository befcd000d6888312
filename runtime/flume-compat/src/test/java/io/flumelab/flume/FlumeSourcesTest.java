package io.flumelab.flume;

import static io.flumelab.flume.Wiring.channel;
import static io.flumelab.flume.Wiring.create;
import static io.flumelab.flume.Wiring.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Event;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.api.FlumeException;
import io.flumelab.api.Interceptor;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.PollableSource;
import io.flumelab.api.Source;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.lifecycle.Supervisor;
import io.flumelab.core.source.SourceRunner;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.testing.SourceTesting;
import io.flumelab.flume.fixtures.BrokenSources;
import io.flumelab.flume.fixtures.Mysource2;
import io.flumelab.flume.fixtures.RetryingSource;
import io.flumelab.flume.fixtures.ThreadedSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.source.SequenceGeneratorSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlumeSourcesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void flumesOwnSequenceGeneratorRunsIntoOurMemoryChannel() {
    MemoryChannel channel = channel("c1");
    Source source = create(ComponentKind.SOURCE, SequenceGeneratorSource.class, "seq-own",
        "batchSize", "5", "totalEvents", "20");
    source.setChannelProcessor(SourceTesting.processorInto(channel));

    assertThat(source).isInstanceOf(PollableSource.class).isInstanceOf(BatchSizeSupported.class);
    assertThat(((BatchSizeSupported) source).getBatchSize()).isEqualTo(5);
    SourceRunner runner = SourceRunner.forSource(source);
    runner.start();
    try {
      await().atMost(WAIT).until(() -> channel.size() == 20);
    } finally {
      runner.stop();
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add(String.valueOf(i));
    }
    assertThat(drain(channel)).isEqualTo(expected);
  }

  /**
   * The notes' source reuses one SimpleEvent for its five events: the channel holds five views of
   * one object, which shows the last body, as Flume's memory channel would.
   */
  @Test
  void theNotesSourceRunsThroughTheAdapterAndItsEventKeepsItsIdentity() throws Exception {
    MemoryChannel channel = channel("c1");
    PollableSource source = create(ComponentKind.SOURCE, Mysource2.class, "r1",
        "delay", "0", "field", "atguigu");
    source.setChannelProcessor(SourceTesting.processorInto(channel));
    source.start();

    assertThat(source.process()).isEqualTo(PollableSource.Status.READY);

    assertThat(source).isNotInstanceOf(BatchSizeSupported.class);
    assertThat(source.getBackOffSleepIncrement()).isZero();
    assertThat(drain(channel)).containsExactly("atguigu4", "atguigu4", "atguigu4", "atguigu4",
        "atguigu4");
    source.stop();
    assertThat(source.getLifecycleState()).isEqualTo(LifecycleState.STOP);
  }

  @Test
  void aFullChannelReachesAFlumeSourcesCatchOfChannelExceptionAndNothingIsLost() throws Exception {
    refusedBatchesAreSentAgain("channel");
  }

  @Test
  void aFullChannelReachesAFlumeSourcesCatchOfChannelFullExceptionAndNothingIsLost() throws Exception {
    refusedBatchesAreSentAgain("full");
  }

  private void refusedBatchesAreSentAgain(String caught) throws Exception {
    MemoryChannel channel = channel("c1", "capacity", "4", "transactionCapacity", "4");
    PollableSource source = create(ComponentKind.SOURCE, RetryingSource.class, "r-" + caught,
        "batchSize", "3", "total", "9", "catch", caught);
    source.setChannelProcessor(SourceTesting.processorInto(channel));
    source.start();

    List<String> received = new ArrayList<>();
    for (int call = 0; call < 10; call++) {
      if (source.process() == PollableSource.Status.BACKOFF) {
        received.addAll(drain(channel)); // a sink makes room
      }
    }
    received.addAll(drain(channel));

    RetryingSource flume = (RetryingSource) ((FlumeSourceAdapter) source).flume();
    assertThat(flume.caught()).isGreaterThanOrEqualTo(2);
    assertThat(received).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");
  }

  @Test
  void flumesOwnSourceCountsTheRefusalAndSendsTheBatchAgain() throws Exception {
    MemoryChannel channel = channel("c1", "capacity", "4", "transactionCapacity", "4");
    PollableSource source = create(ComponentKind.SOURCE, SequenceGeneratorSource.class,
        "seq-full", "batchSize", "3", "totalEvents", "6");
    source.setChannelProcessor(SourceTesting.processorInto(channel));
    source.start();

    source.process();
    source.process(); // 3 + 3 > 4: refused, caught by the source as a ChannelException
    List<String> received = new ArrayList<>(drain(channel));
    source.process();
    received.addAll(drain(channel));
    source.stop();

    assertThat(received).containsExactly("0", "1", "2", "3", "4", "5");
  }

  @Test
  void flumesConfigurationErrorsBecomeOurs() {
    assertThatThrownBy(() -> create(ComponentKind.SOURCE, BrokenSources.RefusesItsConfiguration.class, "r1"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Source needs a table name")
        .hasCauseInstanceOf(org.apache.flume.conf.ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).getKey()).isNull());
    assertThatThrownBy(() -> create(ComponentKind.SOURCE, BrokenSources.NeedsAKey.class, "r1"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("table")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  /** A library Flume's lib/ held and the plugin did not bring: named, with where to put it. */
  @Test
  void aClassTheSourceNeedsAndCannotFindIsAConfigurationError(@TempDir Path classes) throws Exception {
    TestCompiler.compile(classes, List.of(TestCompiler.locationOf(org.apache.flume.Source.class),
        TestCompiler.locationOf(org.apache.flume.Context.class),
        TestCompiler.locationOf(org.apache.flume.Event.class)), """
        package needs;

        public class Hibernate {
          public static void connect() {}
        }
        """, """
        package needs;

        import org.apache.flume.Context;
        import org.apache.flume.PollableSource;
        import org.apache.flume.conf.Configurable;
        import org.apache.flume.source.AbstractSource;

        public class DatabaseSource extends AbstractSource implements Configurable, PollableSource {
          public void configure(Context context) {
            Hibernate.connect();
          }

          public Status process() {
            return Status.BACKOFF;
          }

          public long getBackOffSleepIncrement() {
            return 0;
          }

          public long getMaxBackOffSleepInterval() {
            return 0;
          }
        }
        """);
    Files.delete(classes.resolve("needs/Hibernate.class")); // the library the plugin did not bring
    Class<?> type = PluginLoader.ofDirectory(classes, "needs.", (name, bytes) -> null)
        .loadClass("needs.DatabaseSource");

    assertThatThrownBy(() -> create(ComponentKind.SOURCE, type, "r-db"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("class 'needs.DatabaseSource' needs class needs.Hibernate, which neither its own "
            + "jars nor the Apache Flume API FlumeLab provides hold")
        .hasCauseInstanceOf(NoClassDefFoundError.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).getFix())
            .isEqualTo("Put the jar that holds needs.Hibernate in the plugin's libext directory"));
  }

  @Test
  void aBadNumberStaysANumberFormatExceptionSoTheAgentFindsItsKey() {
    assertThatThrownBy(() -> create(ComponentKind.SOURCE, SequenceGeneratorSource.class, "r1",
        "batchSize", "5k"))
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining("5k");
  }

  @Test
  void aStartThatLeavesTheSourceInErrorFails() {
    PollableSource source = create(ComponentKind.SOURCE, BrokenSources.FailsToStart.class, "r-err");
    source.setChannelProcessor(SourceTesting.processorInto(channel("c1")));

    assertThatThrownBy(source::start)
        .isInstanceOf(FlumeException.class)
        .hasMessageContaining("source r-err")
        .hasMessageContaining(BrokenSources.FailsToStart.class.getName())
        .hasMessageContaining("ERROR");
    assertThat(source.getLifecycleState()).isEqualTo(LifecycleState.ERROR);
  }

  @Test
  void theAgentRetriesAStartThatLeftTheSourceInError() {
    Source source = create(ComponentKind.SOURCE, BrokenSources.StartsOnTheSecondTry.class, "r-retry");
    source.setChannelProcessor(SourceTesting.processorInto(channel("c1")));
    SourceRunner runner = SourceRunner.forSource(source);

    try (Supervisor supervisor = new Supervisor("a1", 20, 20, 100)) {
      assertThat(supervisor.supervise("source r-retry", runner)).isFalse();
      await().atMost(WAIT).until(() -> runner.getLifecycleState() == LifecycleState.START);
      supervisor.unsupervise("source r-retry");
    } finally {
      runner.stop();
    }
    BrokenSources.StartsOnTheSecondTry flume =
        (BrokenSources.StartsOnTheSecondTry) ((FlumeSourceAdapter) source).flume();
    assertThat(flume.starts()).isEqualTo(2);
  }

  @Test
  void aSourceThatIsNeitherPollableNorEventDrivenIsRefused() {
    assertThat(Wiring.API.unusable(ComponentKind.SOURCE, BrokenSources.RunsNowhere.class))
        .isEqualTo("class '" + BrokenSources.RunsNowhere.class.getName() + "' is an Apache Flume "
            + "source but neither org.apache.flume.PollableSource nor "
            + "org.apache.flume.EventDrivenSource, so nothing would run it");
    assertThatThrownBy(() -> Wiring.API.create(ComponentKind.SOURCE, BrokenSources.RunsNowhere.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing would run it");
  }

  /**
   * The source's class comes from a loader of its own, as in plugins.d: its start() and the
   * thread it starts there see that loader as their context class loader; the caller's is back.
   */
  @Test
  void anEventDrivenSourcesThreadSeesThePluginsClassLoader() throws Exception {
    PluginLoader plugin = PluginLoader.ofTestClasses(ThreadedSource.class.getName());
    Class<?> type = plugin.loadClass(ThreadedSource.class.getName());
    MemoryChannel channel = channel("c1");
    Source source = create(ComponentKind.SOURCE, type, "r-threaded", "count", "4");
    source.setChannelProcessor(SourceTesting.processorInto(channel));
    ClassLoader callers = Thread.currentThread().getContextClassLoader();

    assertThat(source).isInstanceOf(EventDrivenSource.class);
    SourceRunner runner = SourceRunner.forSource(source);
    runner.start();
    await().atMost(WAIT).until(() -> channel.size() == 4);
    runner.stop();

    Object flume = ((FlumeSourceAdapter) source).flume();
    assertThat(flume.getClass().getClassLoader()).isSameAs(plugin);
    Object seen = type.getField("threadContextLoader").get(flume);
    assertThat(((java.util.concurrent.atomic.AtomicReference<?>) seen).get()).isSameAs(plugin);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callers);
    assertThat(drain(channel)).containsExactly("e0", "e1", "e2", "e3");
  }

  /** The agent's processor runs the interceptors; the bridge must not run them a second time. */
  @Test
  void theAgentsInterceptorsRunOncePerEvent() throws Exception {
    MemoryChannel channel = channel("c1");
    AtomicInteger intercepted = new AtomicInteger();
    Interceptor counting = new Interceptor() {
      @Override
      public void initialize() {}

      @Override
      public Event intercept(Event event) {
        intercepted.incrementAndGet();
        event.getHeaders().put("seen", "yes");
        return event;
      }

      @Override
      public List<Event> intercept(List<Event> events) {
        events.forEach(this::intercept);
        return events;
      }

      @Override
      public void close() {}
    };
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    selector.configure(new io.flumelab.api.Context());
    PollableSource source = create(ComponentKind.SOURCE, SequenceGeneratorSource.class,
        "seq-once", "batchSize", "4", "totalEvents", "4");
    source.setChannelProcessor(new DefaultChannelProcessor(selector, List.of(counting)));
    source.start();

    source.process();
    source.stop();

    assertThat(intercepted).hasValue(4);
    List<Event> taken = SourceTesting.takeAvailable(channel);
    assertThat(taken).hasSize(4).allSatisfy(e -> assertThat(e.getHeaders()).containsEntry("seen", "yes"));
  }
}
