package io.flumelab.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One component type, declared once beside its class: its alias, its class, the Flume class names
 * that mean it, and its {@link Setting}s. The configuration checker, the component (through
 * {@link Settings}), the component docs and the component test kit all read this one declaration.
 *
 * <pre>{@code
 * public static final ComponentSpec SPEC = ComponentSpec.builder(SOURCE, "exec", ExecSource.class)
 *     .flumeClass("org.apache.flume.source.ExecSource")
 *     .settings(COMMAND, SHELL, RESTART).batch(BATCH_SIZE)
 *     .build();
 * }</pre>
 *
 * @param alias the short type name, matched ignoring case as Flume does ({@code netcat})
 * @param className the FlumeLab class to instantiate
 * @param flumeClassNames Flume's fully qualified names for the same component, accepted as types
 * @param settings the keys the component reads
 * @param passThroughPrefixes prefixes (ending with a dot) whose sub-keys are passed on unchecked, to
 *     a library ({@code kafka.producer.}) or to a part that checks them itself
 * @param channelKeys keys (or prefixes ending with a dot) whose values name channels of the owning
 *     source, as a selector's {@code mapping.} does
 * @param batchSize the setting of how many events one channel transaction carries, or null; a
 *     source's or sink's batch must fit its channel's {@link #transactionCapacity}
 * @param transactionCapacity a channel's setting of the most events one transaction may carry, or
 *     null
 * @param subKeys for some pass-through prefixes, the library's own knowledge of the keys under them
 */
public record ComponentSpec(ComponentKind kind, String alias, String className,
    List<String> flumeClassNames, List<Setting<?>> settings, List<String> passThroughPrefixes,
    List<String> channelKeys, Setting<? extends Number> batchSize,
    Setting<? extends Number> transactionCapacity, Map<String, SubKeys> subKeys) {

  public ComponentSpec {
    // in declaration order, as the docs list them (Map.copyOf's order changes from run to run)
    subKeys = Collections.unmodifiableMap(new LinkedHashMap<>(subKeys));
    flumeClassNames = List.copyOf(flumeClassNames);
    settings = List.copyOf(settings);
    passThroughPrefixes = List.copyOf(passThroughPrefixes);
    channelKeys = List.copyOf(channelKeys);
  }

  public static Builder builder(ComponentKind kind, String alias, Class<?> type) {
    return new Builder(kind, alias, type.getName());
  }

  /** For a class that may be absent from the classpath: the type stays known, its use fails. */
  public static Builder builder(ComponentKind kind, String alias, String className) {
    return new Builder(kind, alias, className);
  }

  /** The setting a key names, under its own name or an alias. */
  public Optional<Setting<?>> setting(String key) {
    return settings.stream().filter(s -> s.spellings().contains(key)).findFirst();
  }

  /** Whether a key is the component's own, common to its kind, or under a pass-through prefix. */
  public boolean accepts(String key) {
    return setting(key).isPresent() || kind.commonKeys().contains(key)
        || passThroughPrefixes.stream().anyMatch(key::startsWith)
        || kind.checkedElsewhere().stream().anyMatch(key::startsWith);
  }

  /** The library's keys under the pass-through prefix a key is under, if it declared them. */
  public Optional<Map.Entry<String, SubKeys>> subKeysOf(String key) {
    return subKeys.entrySet().stream().filter(e -> key.startsWith(e.getKey())).findFirst();
  }

  /** Whether a key's value names channels. */
  public boolean namesChannels(String key) {
    return channelKeys.stream().anyMatch(k -> k.endsWith(".") ? key.startsWith(k) : key.equals(k));
  }

  /** Keys to suggest from: the spec's own and its kind's common keys. */
  public List<String> suggestable() {
    List<String> all = new ArrayList<>();
    settings.forEach(s -> all.add(s.key()));
    all.addAll(kind.commonKeys());
    return all;
  }

  /** Builds a spec; every key is given as a {@link Setting} declared beside the component. */
  public static final class Builder {
    private final ComponentKind kind;
    private final String alias;
    private final String className;
    private final List<String> flumeClassNames = new ArrayList<>();
    private final Map<String, Setting<?>> settings = new LinkedHashMap<>();
    private final List<String> passThrough = new ArrayList<>();
    private final List<String> channelKeys = new ArrayList<>();
    private final Map<String, SubKeys> subKeys = new LinkedHashMap<>();
    private Setting<? extends Number> batchSize;
    private Setting<? extends Number> transactionCapacity;

    private Builder(ComponentKind kind, String alias, String className) {
      this.kind = kind;
      this.alias = alias;
      this.className = className;
    }

    public Builder flumeClass(String flumeClassName) {
      flumeClassNames.add(flumeClassName);
      return this;
    }

    public Builder settings(Setting<?>... declared) {
      for (Setting<?> setting : declared) {
        for (String spelling : setting.spellings()) {
          if (settings.values().stream().anyMatch(s -> s.spellings().contains(spelling))) {
            throw new IllegalStateException(alias + " declares the key " + spelling + " twice");
          }
        }
        settings.put(setting.key(), setting);
      }
      return this;
    }

    /** A group of settings several components share, such as {@link ServerSsl#SETTINGS}. */
    public Builder settings(List<Setting<?>> declared) {
      return settings(declared.toArray(Setting<?>[]::new));
    }

    /** Keys under a prefix (ending with a dot) are accepted as they are. */
    public Builder passThrough(String prefix) {
      if (!prefix.endsWith(".")) {
        throw new IllegalArgumentException("A pass-through prefix ends with a dot: " + prefix);
      }
      passThrough.add(prefix);
      return this;
    }

    /**
     * Keys under a prefix (ending with a dot) are passed on to a library that knows them: an
     * unknown one, or a value the library refuses, is a problem at its line.
     */
    public Builder passThrough(String prefix, SubKeys known) {
      passThrough(prefix);
      subKeys.put(prefix, known);
      return this;
    }

    /**
     * A declared key, or a prefix (ending with a dot) whose keys are all accepted, whose values
     * list channels.
     */
    public Builder channelKey(String keyOrPrefix) {
      channelKeys.add(keyOrPrefix);
      if (keyOrPrefix.endsWith(".")) {
        passThrough.add(keyOrPrefix);
      }
      return this;
    }

    /** The batch size setting (also declared by this call): a batch is one channel transaction. */
    public Builder batch(Setting<? extends Number> setting) {
      settings(setting);
      batchSize = setting;
      return this;
    }

    /** A channel's limit on events per transaction (also declared by this call). */
    public Builder transactionCapacity(Setting<? extends Number> setting) {
      settings(setting);
      transactionCapacity = setting;
      return this;
    }

    public ComponentSpec build() {
      for (String key : channelKeys) {
        if (!key.endsWith(".") && !settings.containsKey(key)) {
          throw new IllegalStateException(alias + ": channel key " + key + " is not declared");
        }
      }
      return new ComponentSpec(kind, alias, className, flumeClassNames,
          new ArrayList<>(settings.values()), passThrough, channelKeys, batchSize,
          transactionCapacity, subKeys);
    }
  }
}
