package io.flumelab.core.config;

import io.flumelab.core.config.ComponentRef.Role;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One agent's configuration as the file lists it: the listed components of each role in list
 * order, each with its keys. Components configured but not listed are not here; the parser has
 * reported them.
 */
final class AgentConfig {

  private final String file;
  private final String agentName;
  private final Map<Role, Map<String, ComponentConfig>> components;
  private final Map<Role, Integer> listLines;

  AgentConfig(String file, String agentName, Map<Role, Map<String, ComponentConfig>> components,
      Map<Role, Integer> listLines) {
    this.file = file;
    this.agentName = agentName;
    this.components = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      this.components.put(role, Collections.unmodifiableMap(
          new LinkedHashMap<>(components.getOrDefault(role, Map.of()))));
    }
    this.listLines = new EnumMap<>(listLines);
  }

  String file() {
    return file;
  }

  String agentName() {
    return agentName;
  }

  Map<String, ComponentConfig> all(Role role) {
    return components.get(role);
  }

  Collection<ComponentConfig> sources() {
    return all(Role.SOURCE).values();
  }

  Collection<ComponentConfig> channels() {
    return all(Role.CHANNEL).values();
  }

  Collection<ComponentConfig> sinks() {
    return all(Role.SINK).values();
  }

  Collection<ComponentConfig> sinkGroups() {
    return all(Role.SINK_GROUP).values();
  }

  boolean has(Role role, String name) {
    return all(role).containsKey(name);
  }

  /** The line of {@code a1.sources} (for example), or 0 if the file has no such list. */
  int listLine(Role role) {
    return listLines.getOrDefault(role, 0);
  }

  String listKey(Role role) {
    return agentName + "." + role.listKey();
  }

  /** The same configuration less some components (lenient mode, or skipping invalid ones). */
  AgentConfig without(Set<ComponentRef> removed) {
    Map<Role, Map<String, ComponentConfig>> kept = new EnumMap<>(Role.class);
    components.forEach((role, byName) -> {
      Map<String, ComponentConfig> copy = new LinkedHashMap<>(byName);
      copy.keySet().removeIf(name -> removed.contains(new ComponentRef(role, name)));
      kept.put(role, copy);
    });
    return new AgentConfig(file, agentName, kept, listLines);
  }
}
