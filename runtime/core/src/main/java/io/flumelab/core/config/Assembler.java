package io.flumelab.core.config;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.Channel;
import io.flumelab.api.Configurable;
import io.flumelab.api.Interceptor;
import io.flumelab.api.NamedComponent;
import io.flumelab.api.Sink;
import io.flumelab.api.Source;
import io.flumelab.api.TransactionCapacitySupported;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.config.TypeResolver.Failed;
import io.flumelab.core.config.TypeResolver.Resolved;
import io.flumelab.core.plugin.ClassSearch.Broken;
import io.flumelab.core.sink.DefaultSinkProcessor;
import io.flumelab.core.sink.SinkRunner;
import io.flumelab.core.source.SourceRunner;
import io.flumelab.core.spi.ChannelSelector;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentLookup;
import io.flumelab.core.spi.ConfigurationFlaws;
import io.flumelab.core.spi.LooksUpComponents;
import io.flumelab.core.spi.MonitoredAgent;
import io.flumelab.core.spi.SinkProcessor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, configures and wires the components of a checked configuration, in dependency order:
 * channels, then sources (interceptors, selector, channel processor), then sinks and their
 * processors. Nothing is started. A component that fails to configure is reported at the line of
 * its key and left out; what depends on it is skipped silently, its cause being reported.
 *
 * <p>It runs with the thread's context class loader set to one that sees the agent's class path
 * and every plugin's jars, so a built-in that loads a class by name (an http source's handler)
 * finds one in plugins.d; a component that names classes itself gets a {@link ComponentLookup}.
 */
final class Assembler {

  private final AgentConfig config;
  private final TypeResolver resolver;
  private final Findings findings;
  private final List<Object> created = new ArrayList<>();
  private final ComponentLookup lookup;

  private Assembler(AgentConfig config, TypeResolver resolver, Findings findings) {
    this.config = config;
    this.resolver = resolver;
    this.findings = findings;
    this.lookup = new PluginLookup(resolver.plugins());
  }

  static Topology assemble(AgentConfig config, TypeResolver resolver, Findings findings) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(resolver.plugins().unionLoader());
    try {
      return new Assembler(config, resolver, findings).assemble();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private Topology assemble() {
    Map<String, Channel> channels = new LinkedHashMap<>();
    for (ComponentConfig c : config.channels()) {
      Channel channel = create(c.ref(), c.section(), ComponentKind.CHANNEL, c.type(), Channel.class, c.listLine());
      if (channel != null && named(channel, c)) {
        channels.put(c.name(), channel);
      }
    }
    Map<String, SourceRunner> sources = new LinkedHashMap<>();
    for (ComponentConfig s : config.sources()) {
      SourceRunner runner = source(s, channels);
      if (runner != null) {
        sources.put(s.name(), runner);
      }
    }
    Map<String, Sink> sinks = new LinkedHashMap<>();
    for (ComponentConfig k : config.sinks()) {
      Sink sink = sink(k, channels);
      if (sink != null) {
        sinks.put(k.name(), sink);
      }
    }
    return new Topology(config.agentName(), channels, sources, sinkRunners(sinks), created,
        Summary.of(config, resolver), List.of(), resolver.plugins(), componentTypes());
  }

  /**
   * Each source's, channel's and sink's type as monitoring labels it: a built-in's alias (also when
   * the file names Flume's class), else the class name as configured.
   */
  private Map<String, String> componentTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    config.sources().forEach(c -> types.put(MonitoredAgent.key("SOURCE", c.name()),
        typeName(ComponentKind.SOURCE, c.type())));
    config.channels().forEach(c -> types.put(MonitoredAgent.key("CHANNEL", c.name()),
        typeName(ComponentKind.CHANNEL, c.type())));
    config.sinks().forEach(c -> types.put(MonitoredAgent.key("SINK", c.name()),
        typeName(ComponentKind.SINK, c.type())));
    types.values().removeIf(Objects::isNull);
    return types;
  }

  private String typeName(ComponentKind kind, String type) {
    if (type == null) {
      return null;
    }
    return resolver.resolve(kind, type) instanceof Resolved resolved && resolved.spec() != null
        ? resolved.spec().alias() : type;
  }

  private SourceRunner source(ComponentConfig s, Map<String, Channel> channels) {
    List<Channel> bound = new ArrayList<>();
    for (String name : s.list("channels")) {
      if (!channels.containsKey(name)) {
        return null;
      }
      bound.add(channels.get(name));
    }
    Source source = create(s.ref(), s.section(), ComponentKind.SOURCE, s.type(), Source.class, s.listLine());
    if (source == null || !named(source, s)) {
      return null;
    }
    for (Channel channel : bound) {
      if (!batchFits(source, s, channel)) {
        return null;
      }
    }
    List<Interceptor> interceptors = interceptors(s);
    ChannelSelector selector = selector(s, bound);
    if (interceptors == null || selector == null) {
      return null;
    }
    try {
      source.setChannelProcessor(new DefaultChannelProcessor(selector, interceptors));
      return SourceRunner.forSource(source);
    } catch (RuntimeException e) {
      ComponentErrors.report(findings, s.ref(), s.section(), s.listLine(), e);
      return null;
    }
  }

  private List<Interceptor> interceptors(ComponentConfig s) {
    List<Interceptor> interceptors = new ArrayList<>();
    for (String name : s.list("interceptors")) {
      Section section = s.section().sub("interceptors." + name + ".");
      Interceptor.Builder builder = create(s.ref(), section, ComponentKind.INTERCEPTOR,
          section.value("type"), Interceptor.Builder.class, s.listLine());
      if (builder == null || !configured(builder, s.ref(), section, s.listLine())) {
        return null;
      }
      try {
        Interceptor interceptor = builder.build();
        created.add(interceptor);
        interceptors.add(interceptor);
      } catch (RuntimeException e) {
        ComponentErrors.report(findings, s.ref(), section, s.listLine(), e);
        return null;
      }
    }
    return interceptors;
  }

  private ChannelSelector selector(ComponentConfig s, List<Channel> bound) {
    Section section = s.section().sub("selector.");
    ChannelSelector selector = create(s.ref(), section, ComponentKind.SELECTOR,
        typeOrDefault(section, ComponentKind.SELECTOR), ChannelSelector.class, s.lineOf("type"));
    if (selector == null) {
      return null;
    }
    try {
      selector.setChannels(bound);
    } catch (RuntimeException e) {
      ComponentErrors.report(findings, s.ref(), s.section(), s.listLine(), e);
      return null;
    }
    return configured(selector, s.ref(), section, s.lineOf("type")) ? selector : null;
  }

  private Sink sink(ComponentConfig k, Map<String, Channel> channels) {
    List<String> channel = k.list("channel");
    if (channel.size() != 1 || !channels.containsKey(channel.get(0))) {
      return null;
    }
    Sink sink = create(k.ref(), k.section(), ComponentKind.SINK, k.type(), Sink.class, k.listLine());
    if (sink == null) {
      return null;
    }
    try {
      sink.setName(k.name());
      sink.setChannel(channels.get(channel.get(0)));
    } catch (RuntimeException e) {
      ComponentErrors.report(findings, k.ref(), k.section(), k.listLine(), e);
      return null;
    }
    return configured(sink, k.ref(), k.section(), k.listLine())
        && batchFits(sink, k, channels.get(channel.get(0))) ? sink : null;
  }

  /**
   * A configured source's or sink's batch must fit one transaction of its channel, as in Flume
   * 1.11. The checker has already compared the declared settings of built-in types; this covers
   * custom classes, which say what they do through the capability interfaces.
   */
  private boolean batchFits(Object component, ComponentConfig c, Channel channel) {
    if (!(component instanceof BatchSizeSupported batched)
        || !(channel instanceof TransactionCapacitySupported limited)
        || batched.getBatchSize() <= limited.getTransactionCapacity()) {
      return true;
    }
    Optional<String> capacityKey = capacitySetting(channel);
    if (findings.hasProblemAt(c.section().fullKey("type"))
        || capacityKey.isPresent() && declaresBatch(c)) {
      return false; // reported by the checker, which compared the two declarations
    }
    String raiseCapacity = capacityKey
        .map(key -> "set '" + key + " = " + batched.getBatchSize() + "' or more")
        .orElse("raise channel " + channel.getName() + "'s transaction capacity to "
            + batched.getBatchSize() + " or more");
    findings.invalid(c.ref(), c.lineOf("type"), c.section().fullKey("type"),
        c.ref().describe() + " (" + component.getClass().getName() + ") moves batches of "
            + batched.getBatchSize() + " events but channel " + channel.getName() + " takes at most "
            + limited.getTransactionCapacity() + " in one transaction: a batch would fail whenever "
            + "more than " + limited.getTransactionCapacity() + " events are ready",
        "Lower the " + c.ref().role().label() + "'s batch size to "
            + limited.getTransactionCapacity() + " or less, or " + raiseCapacity + ".");
    return false;
  }

  /** The full key of a channel's declared transaction capacity, if its type declares one. */
  private Optional<String> capacitySetting(Channel channel) {
    return config.channels().stream().filter(ch -> ch.name().equals(channel.getName())).findFirst()
        .flatMap(ch -> resolver.resolve(ComponentKind.CHANNEL, ch.type()) instanceof Resolved r
            && r.spec() != null && r.spec().transactionCapacity() != null
            ? Optional.of(ch.section().fullKey(r.spec().transactionCapacity().key()))
            : Optional.empty());
  }

  /** Whether the source's or sink's type declares its batch size. */
  private boolean declaresBatch(ComponentConfig c) {
    ComponentKind kind = c.ref().role() == ComponentRef.Role.SOURCE ? ComponentKind.SOURCE : ComponentKind.SINK;
    return resolver.resolve(kind, c.type()) instanceof Resolved r && r.spec() != null
        && r.spec().batchSize() != null;
  }

  /** One runner per group and per ungrouped sink, in the order the sinks are listed. */
  private Map<String, SinkRunner> sinkRunners(Map<String, Sink> sinks) {
    Map<String, ComponentConfig> groupOf = new HashMap<>();
    config.sinkGroups().forEach(g -> g.list("sinks").forEach(k -> groupOf.putIfAbsent(k, g)));
    Map<String, SinkRunner> runners = new LinkedHashMap<>();
    Set<String> groupsDone = new HashSet<>();
    for (ComponentConfig k : config.sinks()) {
      ComponentConfig group = groupOf.get(k.name());
      if (group == null) {
        Sink sink = sinks.get(k.name());
        if (sink != null) {
          SinkProcessor processor = new DefaultSinkProcessor();
          processor.setSinks(List.of(sink));
          created.add(processor);
          runners.put(k.name(), new SinkRunner(k.name(), processor));
        }
      } else if (groupsDone.add(group.name())) {
        SinkProcessor processor = groupProcessor(group, sinks);
        if (processor != null) {
          runners.put(group.name(), new SinkRunner(group.name(), processor));
        }
      }
    }
    return runners;
  }

  private SinkProcessor groupProcessor(ComponentConfig group, Map<String, Sink> sinks) {
    List<Sink> members = new ArrayList<>();
    for (String name : group.list("sinks")) {
      if (!sinks.containsKey(name)) {
        return null;
      }
      members.add(sinks.get(name));
    }
    Section section = group.section().sub("processor.");
    SinkProcessor processor = create(group.ref(), section, ComponentKind.SINK_PROCESSOR,
        typeOrDefault(section, ComponentKind.SINK_PROCESSOR), SinkProcessor.class, group.lineOf("sinks"));
    if (processor == null) {
      return null;
    }
    try {
      processor.setSinks(members);
    } catch (RuntimeException e) {
      // e.g. the default processor given several sinks: the sinks line is at fault
      Section sinksKey = group.section();
      findings.invalid(group.ref(), sinksKey.line("sinks"), sinksKey.fullKey("sinks"),
          ComponentErrors.sentence(String.valueOf(e.getMessage())), null);
      return null;
    }
    return configured(processor, group.ref(), section, group.lineOf("sinks")) ? processor : null;
  }

  /** Instantiates the resolved class; null if the type did not resolve (already reported) or failed. */
  private <T> T create(ComponentRef subject, Section section, ComponentKind kind, String type,
      Class<T> api, int fallbackLine) {
    if (type == null || !(resolver.resolve(kind, type.trim()) instanceof Resolved resolved)) {
      return null;
    }
    Class<?> cls = resolved.type();
    int line = section.line("type") != 0 ? section.line("type") : fallbackLine;
    try {
      Object instance = resolved.foreign() != null ? resolved.foreign().create(kind, cls)
          : cls.getDeclaredConstructor().newInstance();
      created.add(instance);
      if (instance instanceof LooksUpComponents looksUp) {
        looksUp.setComponentLookup(lookup);
      }
      return api.cast(instance);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof LinkageError linkage) {
        Failed failed = explain(resolved, linkage);
        findings.invalid(subject, line, section.fullKey("type"), failed.message(), failed.fix());
      } else {
        findings.invalid(subject, line, section.fullKey("type"),
            "creating class '" + cls.getName() + "' failed: " + e.getCause(), null);
      }
    } catch (LinkageError e) {
      Failed failed = explain(resolved, e);
      findings.invalid(subject, line, section.fullKey("type"), failed.message(), failed.fix());
    } catch (NoSuchMethodException e) {
      findings.invalid(subject, line, section.fullKey("type"),
          "class '" + cls.getName() + "' has no public no-argument constructor",
          "FlumeLab creates components with their no-argument constructor.");
    } catch (ReflectiveOperationException | RuntimeException e) {
      findings.invalid(subject, line, section.fullKey("type"),
          "cannot create class '" + cls.getName() + "': " + e, null);
    }
    return null;
  }

  /** A class that resolved and then failed to link while created: the resolver's explanation. */
  private Failed explain(Resolved resolved, LinkageError error) {
    String dir = resolved.origin() != null ? resolved.origin().dir() : null;
    return new ClassProblems(resolver.plugins()).broken(new Broken(resolved.type().getName(),
        resolved.origin(), dir, error, 0));
  }

  private boolean named(NamedComponent component, ComponentConfig config) {
    component.setName(config.name());
    return configured(component, config.ref(), config.section(), config.listLine());
  }

  private boolean configured(Object component, ComponentRef subject, Section section, int fallbackLine) {
    if (!(component instanceof Configurable configurable)) {
      return true;
    }
    try {
      configurable.configure(section.context());
    } catch (RuntimeException e) {
      ComponentErrors.report(findings, subject, section, fallbackLine, e);
      return false;
    }
    if (component instanceof ConfigurationFlaws flawed) {
      for (ConfigurationFlaws.Flaw flaw : flawed.configurationFlaws()) {
        int line = section.lineOr(flaw.key());
        findings.flaw(subject, line != 0 ? line : fallbackLine, section.fullKey(flaw.key()),
            flaw.message(), flaw.fix());
      }
    }
    return true;
  }

  private static String typeOrDefault(Section section, ComponentKind kind) {
    String type = section.value("type");
    return type == null || type.isBlank() ? kind.defaultType() : type.trim();
  }
}
