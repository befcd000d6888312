package io.flumelab.core.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A component's keys as the graph reads them: the first of several spellings that is set (Flume's
 * current key, then its older one), trimmed.
 */
final class Settings {

  private final Map<String, String> values;

  Settings(Map<String, String> values) {
    this.values = values;
  }

  /** The first spelling set to something other than blanks, trimmed; else null. */
  String first(String... spellings) {
    for (String key : spellings) {
      String value = values.get(key);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  String firstOr(String fallback, String... spellings) {
    String value = first(spellings);
    return value == null ? fallback : value;
  }

  /** A list as Flume splits one: on whitespace; empty when unset. */
  List<String> list(String key) {
    String value = first(key);
    return value == null ? List.of() : List.of(value.split("\\s+"));
  }

  /** A comma-separated value (Kafka's servers and topics), each part trimmed. */
  static List<String> commaSeparated(String value) {
    return value == null ? List.of()
        : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  Map<String, String> all() {
    return values;
  }
}
