package io.flumelab.core.config;

import io.flumelab.core.config.ComponentRef.Role;
import io.flumelab.core.config.TypeResolver.Failed;
import io.flumelab.core.config.TypeResolver.Resolution;
import io.flumelab.core.config.TypeResolver.Resolved;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed agent without creating anything: types, keys, and that every source, sink,
 * selector and sink group names components that exist.
 */
final class ConfigChecker {

  private final AgentConfig config;
  private final TypeResolver resolver;
  private final Findings findings;

  private ConfigChecker(AgentConfig config, TypeResolver resolver, Findings findings) {
    this.config = config;
    this.resolver = resolver;
    this.findings = findings;
  }

  static void check(AgentConfig config, TypeResolver resolver, Findings findings) {
    new ConfigChecker(config, resolver, findings).check();
  }

  private void check() {
    config.channels().forEach(c -> checkComponent(c, ComponentKind.CHANNEL));
    config.sources().forEach(this::checkSource);
    config.sinks().forEach(this::checkSink);
    checkSinkGroups();
    warnUnusedChannels();
  }

  private void checkSource(ComponentConfig source) {
    if (!checkComponent(source, ComponentKind.SOURCE)) {
      return;
    }
    List<String> channels = source.list("channels");
    commas(source, source.section(), "channels");
    findings.repeats(source.ref(), source.lineOf("channels"), source.section().fullKey("channels"),
        "channel", source.section().writtenList("channels"));
    if (channels.isEmpty()) {
      findings.invalid(source.ref(), source.lineOf("channels"), source.section().fullKey("channels"),
          source.ref().describe() + " has no channels",
          "Add '" + source.section().fullKey("channels") + " = " + someChannel() + "'.");
    }
    for (String channel : channels) {
      checkChannelDeclared(source.ref(), source.section(), "channels", channel);
      checkBatchFits(source, ComponentKind.SOURCE, channel);
    }
    checkSelector(source, channels);
    checkInterceptors(source);
  }

  private void checkSink(ComponentConfig sink) {
    if (!checkComponent(sink, ComponentKind.SINK)) {
      return;
    }
    Section section = sink.section();
    List<String> channels = sink.list("channel");
    commas(sink, section, "channel");
    if (channels.isEmpty()) {
      findings.invalid(sink.ref(), sink.lineOf("channel"), section.fullKey("channel"),
          sink.ref().describe() + " has no channel",
          "Add '" + section.fullKey("channel") + " = " + someChannel() + "'.");
    } else if (channels.size() > 1) {
      findings.invalid(sink.ref(), section.line("channel"), section.fullKey("channel"),
          "a sink drains exactly one channel, not " + channels.size() + " (" + String.join(" ", channels) + ")",
          "Give each channel a sink of its own; a sink's 'channel' is singular, unlike a source's 'channels'.");
    } else {
      checkChannelDeclared(sink.ref(), section, "channel", channels.get(0));
      checkBatchFits(sink, ComponentKind.SINK, channels.get(0));
    }
  }

  /**
   * A source's or sink's batch must fit one transaction of its channel, whatever the channel's type
   * (Flume 1.11 refuses the component at start too): a larger batch fails on every try once that
   * many events are ready. Types whose spec declares no batch or capacity are checked at start,
   * through their capability interfaces.
   */
  private void checkBatchFits(ComponentConfig component, ComponentKind kind, String channelName) {
    ComponentSpec spec = specOf(kind, component.type());
    ComponentConfig channel = config.channels().stream()
        .filter(c -> c.name().equals(channelName)).findFirst().orElse(null);
    ComponentSpec channelSpec = channel == null ? null : specOf(ComponentKind.CHANNEL, channel.type());
    if (spec == null || spec.batchSize() == null || channelSpec == null
        || channelSpec.transactionCapacity() == null) {
      return;
    }
    Section section = component.section();
    Section channelSection = channel.section();
    Long size = number(spec.batchSize(), section);
    Long capacity = number(channelSpec.transactionCapacity(), channelSection);
    if (size == null || capacity == null || size <= capacity) {
      return;
    }
    String batchKey = spec.batchSize().key();
    String capacityKey = channelSpec.transactionCapacity().key();
    boolean explicit = section.has(batchKey);
    String fullBatchKey = section.fullKey(batchKey);
    String fullCapacityKey = channelSection.fullKey(capacityKey);
    findings.invalid(component.ref(),
        explicit ? section.line(batchKey) : channelSection.lineOr(capacityKey),
        explicit ? fullBatchKey : fullCapacityKey,
        component.ref().describe() + " moves batches of " + size + " events ("
            + (explicit ? batchKey : "its default " + batchKey) + ") but channel "
            + channelName + " takes at most " + capacity + " in one transaction ("
            + capacityKey + "): a batch would fail whenever more than " + capacity
            + " events are ready",
        "Set '" + fullCapacityKey + " = " + size + "' or more, or '" + fullBatchKey + " = "
            + capacity + "' or less.");
  }

  private ComponentSpec specOf(ComponentKind kind, String type) {
    return type != null && resolver.resolve(kind, type) instanceof Resolved resolved
        ? resolved.spec() : null;
  }

  /** A numeric setting's value in a section, its default when unset, null when malformed. */
  private static Long number(Setting<? extends Number> setting, Section section) {
    String text = setting.spellings().stream().map(section::value).filter(v -> v != null)
        .findFirst().orElse(null);
    if (setting.problem(text).isPresent()) {
      return null; // reported by the key check
    }
    Number value = text == null || text.isBlank() ? setting.defaultValue()
        : setting.type().parser().parse(text.trim());
    return value == null ? null : value.longValue();
  }

  /** Listed, configured, typed, of a known type with known keys; false if unusable. */
  private boolean checkComponent(ComponentConfig component, ComponentKind kind) {
    ComponentRef ref = component.ref();
    Section section = component.section();
    if (section.isEmpty()) {
      findings.invalid(ref, component.listLine(), config.listKey(component.role()),
          ref.describe() + " is listed but not configured",
          "Add '" + section.fullKey("type") + " = <type>'. " + knownTypes(kind));
      return false;
    }
    String type = component.type();
    if (type == null) {
      findings.invalid(ref, component.lineOf("type"), section.fullKey("type"),
          ref.describe() + " has no type",
          "Add '" + section.fullKey("type") + " = <type>'. " + knownTypes(kind));
      return false;
    }
    return checkTyped(kind, section, type, ref, component.listLine()) instanceof Resolved;
  }

  /** Resolves a type and checks the section's keys against its spec (custom classes: no check). */
  private Resolution checkTyped(ComponentKind kind, Section section, String type, ComponentRef subject,
      int fallbackLine) {
    Resolution resolution = resolver.resolve(kind, type);
    if (resolution instanceof Failed failed) {
      int line = section.line("type");
      findings.invalid(subject, line != 0 ? line : fallbackLine, section.fullKey("type"),
          failed.message(), failed.fix());
    } else if (resolution instanceof Resolved resolved && resolved.spec() != null) {
      KeyChecker.check(section, resolved.spec(), subject, fallbackLine, findings);
    } else if (resolution instanceof Resolved resolved && !resolved.alsoIn().isEmpty()) {
      int line = section.line("type");
      findings.warning(line != 0 ? line : fallbackLine, section.fullKey("type"), "class '"
          + type + "' is in " + (resolved.alsoIn().size() + 1) + " plugins: " + resolved.origin()
          + " (used) and " + String.join(", ", resolved.alsoIn().stream().map(String::valueOf)
          .toList()), "Keep one copy: plugins that share a class get in each other's way.");
    }
    return resolution;
  }

  private void checkSelector(ComponentConfig source, List<String> sourceChannels) {
    Section selector = source.section().sub("selector.");
    String type = selector.value("type");
    Resolution resolution = checkTyped(ComponentKind.SELECTOR, selector,
        type == null || type.isBlank() ? ComponentKind.SELECTOR.defaultType() : type.trim(),
        source.ref(), source.lineOf("type"));
    if (!(resolution instanceof Resolved resolved) || resolved.spec() == null) {
      return;
    }
    for (String key : selector.keys()) {
      if (!resolved.spec().namesChannels(key)) {
        continue;
      }
      commas(source, selector, key);
      for (String channel : selector.list(key)) {
        if (checkChannelDeclared(source.ref(), selector, key, channel)
            && !sourceChannels.contains(channel)) {
          findings.invalid(source.ref(), selector.line(key), selector.fullKey(key),
              "channel '" + channel + "' is not one of the channels of " + source.ref().describe(),
              "Add it to " + source.section().fullKey("channels") + lineNote(source.section().line("channels")) + ".");
        }
      }
    }
  }

  private void checkInterceptors(ComponentConfig source) {
    Section all = source.section().sub("interceptors.");
    List<String> names = source.list("interceptors");
    Set<String> configured = new LinkedHashSet<>();
    all.keys().forEach(key -> configured.add(key.substring(0, Math.max(key.indexOf('.'), 0))));
    String listKey = source.section().fullKey("interceptors");
    commas(source, source.section(), "interceptors");
    for (String name : names) {
      Section interceptor = all.sub(name + ".");
      String what = "interceptor '" + name + "'";
      String type = interceptor.value("type");
      if (type == null || type.isBlank()) {
        boolean empty = interceptor.isEmpty();
        findings.invalid(source.ref(), empty ? source.section().line("interceptors") : interceptor.firstLine(),
            empty ? listKey : interceptor.fullKey("type"),
            what + (empty ? " is listed but not configured" : " has no type"),
            "Add '" + interceptor.fullKey("type") + " = <type>'. " + knownTypes(ComponentKind.INTERCEPTOR));
        continue;
      }
      checkTyped(ComponentKind.INTERCEPTOR, interceptor, type.trim(), source.ref(),
          source.section().line("interceptors"));
    }
    for (String name : configured) {
      if (!names.contains(name) && !name.isEmpty()) {
        Section stray = all.sub(name + ".");
        String first = stray.keys().iterator().next();
        String didYouMean = Suggestions.didYouMean(name, names);
        findings.flaw(source.ref(), stray.line(first), stray.fullKey(first),
            "interceptor '" + name + "' is not listed in " + listKey,
            didYouMean != null ? didYouMean : "List it in " + listKey + ", or remove its keys.");
      }
    }
  }

  private void checkSinkGroups() {
    Map<String, ComponentConfig> owner = new HashMap<>();
    for (ComponentConfig group : config.sinkGroups()) {
      Section section = group.section();
      ComponentRef ref = group.ref();
      if (section.isEmpty()) {
        findings.invalid(ref, group.listLine(), config.listKey(Role.SINK_GROUP),
            ref.describe() + " is listed but not configured",
            "Add '" + section.fullKey("sinks") + " = <sinks>'.");
        continue;
      }
      for (String key : section.keys()) {
        if (!key.equals("sinks") && !key.startsWith("processor.")) {
          String didYouMean = Suggestions.didYouMean(key, List.of("sinks", "processor.type"));
          findings.flaw(ref, section.line(key), section.fullKey(key), "unknown key '" + key + "' for a sink group",
              didYouMean != null ? didYouMean : "A sink group has 'sinks' and 'processor.*' keys.");
        }
      }
      List<String> sinks = group.list("sinks");
      commas(group, section, "sinks");
      findings.repeats(ref, group.lineOf("sinks"), section.fullKey("sinks"), "sink",
          section.writtenList("sinks"));
      if (sinks.isEmpty()) {
        findings.invalid(ref, group.lineOf("sinks"), section.fullKey("sinks"), ref.describe() + " has no sinks",
            "Add '" + section.fullKey("sinks") + " = <sinks>'.");
      }
      for (String sink : sinks) {
        checkGroupMember(group, sink, owner);
      }
      Section processor = section.sub("processor.");
      String type = processor.value("type");
      checkTyped(ComponentKind.SINK_PROCESSOR, processor,
          type == null || type.isBlank() ? ComponentKind.SINK_PROCESSOR.defaultType() : type.trim(),
          ref, group.lineOf("sinks"));
    }
  }

  private void checkGroupMember(ComponentConfig group, String sink, Map<String, ComponentConfig> owner) {
    Section section = group.section();
    if (!config.has(Role.SINK, sink)) {
      String didYouMean = Suggestions.didYouMean(sink, config.all(Role.SINK).keySet());
      findings.invalid(group.ref(), section.line("sinks"), section.fullKey("sinks"),
          "sink '" + sink + "' is not declared in " + config.listKey(Role.SINK),
          didYouMean != null ? didYouMean : "Add it to " + config.listKey(Role.SINK) + lineNote(config.listLine(Role.SINK)) + ".");
      return;
    }
    ComponentConfig first = owner.putIfAbsent(sink, group);
    if (first != null) {
      findings.invalid(group.ref(), section.line("sinks"), section.fullKey("sinks"),
          "sink '" + sink + "' is already in sink group '" + first.name() + "'"
              + lineNote(first.section().line("sinks")),
          "A sink can be in one group only.");
    }
  }

  /** True if declared; otherwise reports it against the key that named it. */
  private boolean checkChannelDeclared(ComponentRef subject, Section section, String key, String channel) {
    if (config.has(Role.CHANNEL, channel)) {
      return true;
    }
    String didYouMean = Suggestions.didYouMean(channel, config.all(Role.CHANNEL).keySet());
    findings.invalid(subject, section.line(key), section.fullKey(key),
        "channel '" + channel + "' is not declared in " + config.listKey(Role.CHANNEL),
        didYouMean != null ? didYouMean
            : "Add it to " + config.listKey(Role.CHANNEL) + lineNote(config.listLine(Role.CHANNEL)) + ".");
    return false;
  }

  private void warnUnusedChannels() {
    Set<String> used = new HashSet<>();
    config.sources().forEach(s -> used.addAll(s.list("channels")));
    config.sinks().forEach(s -> used.addAll(s.list("channel")));
    for (ComponentConfig channel : config.channels()) {
      if (!used.contains(channel.name()) && !channel.section().isEmpty()) {
        findings.warning(channel.listLine(), config.listKey(Role.CHANNEL),
            channel.ref().describe() + " is used by no source and no sink", null);
      }
    }
  }

  private void commas(ComponentConfig owner, Section section, String key) {
    findings.commas(owner.ref(), section.line(key), section.fullKey(key), section.value(key));
  }

  private String someChannel() {
    return config.all(Role.CHANNEL).keySet().stream().findFirst().orElse("<channel>");
  }

  private String knownTypes(ComponentKind kind) {
    return resolver.knownTypes(kind);
  }

  private static String lineNote(int line) {
    return line > 0 ? " (line " + line + ")" : "";
  }
}
