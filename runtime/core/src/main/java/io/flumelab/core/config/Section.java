package io.flumelab.core.config;

import io.flumelab.api.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys under one prefix, relative to it, in file order, each still knowing its full key and
 * line: {@code a1.sources.r1.port} is {@code port} in the section {@code a1.sources.r1.}.
 */
final class Section {

  private final String prefix;
  private final Map<String, Property> properties;

  Section(String prefix, Map<String, Property> properties) {
    this.prefix = prefix;
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** The full prefix, ending with a dot. */
  String prefix() {
    return prefix;
  }

  /** The prefix without its final dot, e.g. {@code a1.sources.r1}: names the whole component. */
  String name() {
    return prefix.substring(0, prefix.length() - 1);
  }

  boolean isEmpty() {
    return properties.isEmpty();
  }

  Set<String> keys() {
    return properties.keySet();
  }

  boolean has(String key) {
    return properties.containsKey(key);
  }

  /** The value of a relative key, or null. */
  String value(String key) {
    Property property = properties.get(key);
    return property == null ? null : property.value();
  }

  /** A list value's names, each once, in order: Flume reads every list as a set. */
  List<String> list(String key) {
    return writtenList(key).stream().distinct().toList();
  }

  /** A list value's names as written, repeats included, for reporting them. */
  List<String> writtenList(String key) {
    return split(value(key));
  }

  /**
   * A list's names: split on spaces, and on commas, which are a mistake (reported by
   * {@link Findings#commas}) whose meaning is clear.
   */
  static List<String> split(String value) {
    return value == null || value.isBlank() ? List.of()
        : List.of(value.strip().split("[\\s,]+")).stream().filter(n -> !n.isEmpty()).toList();
  }

  String fullKey(String key) {
    return prefix + key;
  }

  /** The line of a key, or 0 if it is absent. */
  int line(String key) {
    Property property = properties.get(key);
    return property == null ? 0 : property.line();
  }

  /** The line of the key, else of the type, else of the first key: the best place to point at. */
  int lineOr(String key) {
    int line = line(key);
    if (line == 0) {
      line = line("type");
    }
    return line != 0 ? line : firstLine();
  }

  int firstLine() {
    return properties.values().stream().mapToInt(Property::line).min().orElse(0);
  }

  /** The keys under {@code relativePrefix} (which ends with a dot), relative to it. */
  Section sub(String relativePrefix) {
    Map<String, Property> sub = new LinkedHashMap<>();
    properties.forEach((key, property) -> {
      if (key.startsWith(relativePrefix) && key.length() > relativePrefix.length()) {
        sub.put(key.substring(relativePrefix.length()), property);
      }
    });
    return new Section(prefix + relativePrefix, sub);
  }

  /** The component's view of its keys: relative keys and substituted values, type included. */
  Context context() {
    Map<String, String> values = new LinkedHashMap<>();
    properties.forEach((key, property) -> values.put(key, property.value()));
    return new Context(values);
  }
}
