package io.flumelab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.Channel;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.Interceptor;
import io.flumelab.api.LifecycleAware;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;
import io.flumelab.api.Source;
import io.flumelab.api.TransactionCapacitySupported;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.sink.NullSink;
import io.flumelab.core.source.SourceRunner;
import io.flumelab.core.spi.ChannelSelector;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.SinkProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The checks of {@link ComponentTestKit} for one component type. */
final class Contract {

  /** Counters every component of a kind has in Flume, under these names. */
  private static final Map<ComponentKind, List<String>> FLUME_COUNTERS = Map.of(
      ComponentKind.SOURCE, List.of("EventReceivedCount", "EventAcceptedCount",
          "AppendBatchReceivedCount", "AppendBatchAcceptedCount", "OpenConnectionCount"),
      ComponentKind.SINK, List.of("ConnectionCreatedCount", "ConnectionClosedCount",
          "ConnectionFailedCount", "BatchEmptyCount", "BatchUnderflowCount", "BatchCompleteCount",
          "EventDrainAttemptCount", "EventDrainSuccessCount"),
      ComponentKind.CHANNEL, List.of("ChannelSize", "ChannelCapacity", "EventPutAttemptCount",
          "EventTakeAttemptCount", "EventPutSuccessCount", "EventTakeSuccessCount"));

  private final ComponentSpec spec;
  private final Function<Path, Map<String, String>> extra;
  private final Path dir;

  Contract(ComponentSpec spec, Function<Path, Map<String, String>> extra, Path dir) {
    this.spec = spec;
    this.extra = extra;
    this.dir = dir;
  }

  void documentsItsSettings() {
    for (Setting<?> setting : spec.settings()) {
      assertThat(setting.doc()).as("%s: the doc of %s", spec.alias(), setting.key()).isNotBlank();
      if (setting.isRequired()) {
        assertThat(setting.example()).as("%s: the example of required %s", spec.alias(),
            setting.key()).isPresent();
        assertThat(setting.example().get()).as("%s: the example of %s", spec.alias(),
            setting.key()).doesNotContain("<");
      }
      Object value = setting.defaultValue();
      if (value != null) {
        assertThat(defaultProblem(setting)).as("%s: the default of %s", spec.alias(), setting.key())
            .isNull();
      }
    }
  }

  private static <T> String defaultProblem(Setting<T> setting) {
    String text = setting.type().format().apply(setting.defaultValue());
    return setting.problem(text).map(p -> text + ": " + p.getMessage()).orElse(null);
  }

  void readsItsKeys() {
    RecordingContext context = new RecordingContext(settings());
    configured(context);

    assertThat(context.readEverything())
        .as("%s %s reads all its parameters at once; read each through its declared Setting",
            spec.kind().label(), spec.alias()).isFalse();
    List<String> unread = new ArrayList<>();
    for (Setting<?> setting : spec.settings()) {
      if (setting.spellings().stream().noneMatch(context.keysRead()::contains)) {
        unread.add(setting.key());
      }
    }
    assertThat(unread).as("declared keys of %s %s that configure() never read",
        spec.kind().label(), spec.alias()).isEmpty();
    Set<String> undeclared = new TreeSet<>();
    for (String key : context.keysRead()) {
      if (spec.setting(key).isEmpty() && !spec.kind().commonKeys().contains(key)
          && spec.passThroughPrefixes().stream().noneMatch(key::startsWith)) {
        undeclared.add(key);
      }
    }
    for (String prefix : context.prefixesRead()) {
      if (spec.passThroughPrefixes().stream().noneMatch(prefix::startsWith)) {
        undeclared.add(prefix + "*");
      }
    }
    assertThat(undeclared).as("keys %s %s reads without declaring them", spec.kind().label(),
        spec.alias()).isEmpty();
  }

  void startsAndStops() throws Exception {
    Object component = create();
    Object prepared = prepare(component);
    configure(component, new RecordingContext(settings()));
    switch (spec.kind()) {
      case SOURCE -> cycle(SourceRunner.forSource((Source) component), (Source) component);
      case SINK, CHANNEL -> cycle((LifecycleAware) component, (LifecycleAware) component);
      case SINK_PROCESSOR -> cycle((SinkProcessor) component, (SinkProcessor) component);
      case SELECTOR -> assertThat(((ChannelSelector) component).getAllChannels())
          .as("the channels of selector %s", spec.alias()).isEqualTo(prepared);
      case INTERCEPTOR -> {
        Interceptor interceptor = ((Interceptor.Builder) component).build();
        interceptor.initialize();
        interceptor.close();
      }
    }
  }

  private void cycle(LifecycleAware runner, LifecycleAware component) {
    runner.start();
    try {
      if (component != null) {
        assertThat(component.getLifecycleState()).as("%s %s after start", spec.kind().label(),
            spec.alias()).isEqualTo(LifecycleState.START);
      }
    } finally {
      runner.stop();
    }
    if (component != null) {
      assertThat(component.getLifecycleState()).as("%s %s after stop", spec.kind().label(),
          spec.alias()).isEqualTo(LifecycleState.STOP);
    }
  }

  void keepsFlumesCounters() {
    List<String> names = FLUME_COUNTERS.get(spec.kind());
    if (names == null) {
      return;
    }
    Object component = configured(new RecordingContext(settings()));
    assertThat(component).as("%s %s keeps counters", spec.kind().label(), spec.alias())
        .isInstanceOf(Counted.class);
    ComponentCounter counter = ((Counted) component).getCounter();
    Map<String, Object> attributes = counter.attributes();
    assertThat(attributes).as("the counters of %s %s", spec.kind().label(), spec.alias())
        .containsKeys(names.toArray(String[]::new));
    List<String> undescribed = attributes.entrySet().stream()
        .filter(attribute -> attribute.getValue() instanceof Number)
        .map(Map.Entry::getKey).filter(name -> counter.describe(name).isEmpty()).toList();
    assertThat(undescribed).as("counters of %s %s that nothing describes: declare a CounterSpec "
        + "beside each and register it with counter(spec)", spec.kind().label(), spec.alias())
        .isEmpty();
  }

  void offersItsCapabilities() {
    Map<String, String> settings = settings();
    Object component = configured(new RecordingContext(settings));
    if (spec.batchSize() != null) {
      assertThat(component).as("%s %s declares %s", spec.kind().label(), spec.alias(),
          spec.batchSize().key()).isInstanceOf(BatchSizeSupported.class);
      assertThat(((BatchSizeSupported) component).getBatchSize())
          .isEqualTo(valueOf(spec.batchSize(), settings));
    }
    if (spec.transactionCapacity() != null) {
      assertThat(component).as("%s %s declares %s", spec.kind().label(), spec.alias(),
          spec.transactionCapacity().key()).isInstanceOf(TransactionCapacitySupported.class);
      assertThat(((TransactionCapacitySupported) component).getTransactionCapacity())
          .isEqualTo(valueOf(spec.transactionCapacity(), settings));
    }
  }

  private static long valueOf(Setting<? extends Number> setting, Map<String, String> settings) {
    String text = settings.get(setting.key());
    return text == null ? setting.defaultValue().longValue() : Long.parseLong(text.trim());
  }

  /** The examples of the required settings, then the settings the module gave for this type. */
  private Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (Setting<?> setting : spec.settings()) {
      setting.example().filter(e -> setting.isRequired()).ifPresent(e -> settings.put(setting.key(), e));
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings.putAll(extra.apply(dir));
    return settings;
  }

  private Object create() {
    try {
      return Class.forName(spec.className()).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(spec.kind().label() + " " + spec.alias() + ": cannot create "
          + spec.className() + " with its no-argument constructor", e);
    }
  }

  /** Names the component and connects what its kind needs; returns what a selector was given. */
  private Object prepare(Object component) {
    switch (spec.kind()) {
      case SOURCE -> {
        Source source = (Source) component;
        source.setName("r1");
        ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
        selector.setChannels(List.of(channel("c1")));
        source.setChannelProcessor(new DefaultChannelProcessor(selector, List.of()));
      }
      case SINK -> {
        Sink sink = (Sink) component;
        sink.setName("k1");
        sink.setChannel(channel("c1"));
      }
      case CHANNEL -> ((Channel) component).setName("c1");
      // the default processor drives one sink; the others drive a group of several
      case SINK_PROCESSOR -> ((SinkProcessor) component).setSinks(
          spec.alias().equals(ComponentKind.SINK_PROCESSOR.defaultType())
              ? List.of(nullSink("k1")) : List.of(nullSink("k1"), nullSink("k2")));
      case SELECTOR -> {
        List<Channel> channels = List.of(channel("c1"), channel("c2"));
        ((ChannelSelector) component).setChannels(channels);
        return channels;
      }
      case INTERCEPTOR -> { }
    }
    return null;
  }

  /** A new instance, named, connected and configured from {@code context}. */
  private Object configured(RecordingContext context) {
    Object component = create();
    prepare(component);
    configure(component, context);
    return component;
  }

  private void configure(Object component, RecordingContext context) {
    if (component instanceof Configurable configurable) {
      configurable.configure(context);
    }
  }

  private static Channel channel(String name) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName(name);
    channel.configure(new Context(Map.of("capacity", "10000",
        "transactionCapacity", "10000")));
    return channel;
  }

  private static Sink nullSink(String name) {
    NullSink sink = new NullSink();
    sink.setName(name);
    sink.setChannel(channel("c-" + name));
    return sink;
  }
}
