package io.flumelab.core.config;

import io.flumelab.core.config.ComponentRef.Role;
import java.util.List;

/**
 * One listed component: its name, the line of the list that named it, and its keys.
 *
 * @param listLine the line of {@code a1.sources = ...}; problems with no line of their own point there
 */
record ComponentConfig(Role role, String name, int listLine, Section section) {

  ComponentRef ref() {
    return new ComponentRef(role, name);
  }

  String type() {
    String type = section.value("type");
    return type == null || type.isBlank() ? null : type.trim();
  }

  /** A source's channels, a sink group's sinks: the value split on whitespace. */
  List<String> list(String key) {
    return section.list(key);
  }

  /** The line of the key, else of the type, else of the first key, else of the list. */
  int lineOf(String key) {
    int line = section.lineOr(key);
    return line != 0 ? line : listLine;
  }
}
