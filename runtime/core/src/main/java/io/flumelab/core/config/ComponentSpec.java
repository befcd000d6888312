package io.flumelab.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the configuration needs to know about one component type: its alias, its class, the Flume
 * class names that mean it, and its keys. The class is named, not referenced, so a spec can be
 * declared before (or without) the class being on the classpath.
 *
 * @param alias the short type name, matched ignoring case as Flume does ({@code netcat})
 * @param className the FlumeLab class to instantiate
 * @param flumeClassNames Flume's fully qualified names for the same component, accepted as types
 * @param keys the keys the component reads, with the form of their values
 * @param requiredKeys keys that must be set
 * @param passThroughPrefixes prefixes (ending with a dot) whose sub-keys are passed on to a library
 *     unchecked, such as {@code kafka.producer.}
 * @param channelKeys keys (or prefixes ending with a dot) whose values name channels of the owning
 *     source, as a selector's {@code mapping.} does
 * @param batch the key setting how many events one channel transaction carries, or null
 */
public record ComponentSpec(ComponentKind kind, String alias, String className,
    List<String> flumeClassNames, Map<String, KeyType> keys, Set<String> requiredKeys,
    List<String> passThroughPrefixes, List<String> channelKeys, BatchKey batch) {

  /** A batch size key and its default: a batch must fit one transaction of the channel. */
  public record BatchKey(String key, int defaultSize) {}

  public ComponentSpec {
    flumeClassNames = List.copyOf(flumeClassNames);
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    requiredKeys = Collections.unmodifiableSet(new LinkedHashSet<>(requiredKeys));
    passThroughPrefixes = List.copyOf(passThroughPrefixes);
    channelKeys = List.copyOf(channelKeys);
  }

  public static Builder builder(ComponentKind kind, String alias, String className) {
    return new Builder(kind, alias, className);
  }

  /** Whether a key is the component's own, common to its kind, or under a pass-through prefix. */
  boolean accepts(String key) {
    return keys.containsKey(key) || kind.commonKeys().contains(key)
        || passThroughPrefixes.stream().anyMatch(key::startsWith)
        || kind.checkedElsewhere().stream().anyMatch(key::startsWith);
  }

  /** Whether a key's value names channels. */
  boolean namesChannels(String key) {
    return channelKeys.stream().anyMatch(k -> k.endsWith(".") ? key.startsWith(k) : key.equals(k));
  }

  /** Keys to suggest from: the spec's own and its kind's common keys. */
  List<String> suggestable() {
    List<String> all = new ArrayList<>(keys.keySet());
    all.addAll(kind.commonKeys());
    return all;
  }

  /** Declares a spec key by key; {@code required("port", INTEGER)} also declares the key. */
  public static final class Builder {
    private final ComponentKind kind;
    private final String alias;
    private final String className;
    private final List<String> flumeClassNames = new ArrayList<>();
    private final Map<String, KeyType> keys = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private final List<String> passThrough = new ArrayList<>();
    private final List<String> channelKeys = new ArrayList<>();
    private BatchKey batch;

    private Builder(ComponentKind kind, String alias, String className) {
      this.kind = kind;
      this.alias = alias;
      this.className = className;
    }

    public Builder flumeClass(String flumeClassName) {
      flumeClassNames.add(flumeClassName);
      return this;
    }

    public Builder key(String key, KeyType type) {
      keys.put(key, type);
      return this;
    }

    public Builder key(String key) {
      return key(key, KeyType.STRING);
    }

    public Builder required(String key, KeyType type) {
      required.add(key);
      return key(key, type);
    }

    public Builder required(String key) {
      return required(key, KeyType.STRING);
    }

    public Builder passThrough(String prefix) {
      passThrough.add(prefix);
      return this;
    }

    /** A key whose value lists channels; a prefix (ending with a dot) covers all keys under it. */
    public Builder channelKey(String keyOrPrefix) {
      channelKeys.add(keyOrPrefix);
      if (keyOrPrefix.endsWith(".")) {
        passThrough.add(keyOrPrefix);
      } else {
        keys.putIfAbsent(keyOrPrefix, KeyType.STRING);
      }
      return this;
    }

    /** The integer key of the batch size, taken or put in one channel transaction. */
    public Builder batch(String key, int defaultSize) {
      batch = new BatchKey(key, defaultSize);
      return key(key, KeyType.INTEGER);
    }

    public ComponentSpec build() {
      return new ComponentSpec(kind, alias, className, flumeClassNames, keys, required, passThrough,
          channelKeys, batch);
    }
  }
}
