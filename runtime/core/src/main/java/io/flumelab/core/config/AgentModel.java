package io.flumelab.core.config;

import io.flumelab.core.spi.ComponentKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent as its file declares it, for tools that judge or draw a job rather than run it (the lab
 * harness, graders, topology pictures): its components in file order, each with its type as the
 * registry names it and its own keys. Nothing is created or started to get it.
 *
 * @param sinkGroups each with its keys ({@code sinks}, {@code processor.type}...) as settings
 */
public record AgentModel(String name, List<Component> sources, List<Component> channels,
    List<Component> sinks, List<Component> sinkGroups) {

  /**
   * One component.
   *
   * @param type the registered alias ({@code exec}) when the type names a known one, in any of
   *     its spellings; otherwise the type as written (a class name), or null when there is none
   * @param settings its keys relative to it ({@code channels}, {@code selector.type},
   *     {@code interceptors.i1.type}...), values with variables substituted, in file order
   */
  public record Component(String name, String type, Map<String, String> settings) {}

  static AgentModel of(AgentConfig config, TypeResolver resolver) {
    return new AgentModel(config.agentName(),
        components(config.sources(), ComponentKind.SOURCE, resolver),
        components(config.channels(), ComponentKind.CHANNEL, resolver),
        components(config.sinks(), ComponentKind.SINK, resolver),
        config.sinkGroups().stream().map(g -> new Component(g.name(), null, settings(g))).toList());
  }

  private static List<Component> components(Collection<ComponentConfig> configs,
      ComponentKind kind, TypeResolver resolver) {
    return configs.stream()
        .map(c -> new Component(c.name(), alias(c.type(), kind, resolver), settings(c))).toList();
  }

  private static String alias(String type, ComponentKind kind, TypeResolver resolver) {
    if (type == null) {
      return null;
    }
    return resolver.resolve(kind, type) instanceof TypeResolver.Resolved r && r.spec() != null
        ? r.spec().alias() : type;
  }

  private static Map<String, String> settings(ComponentConfig component) {
    Map<String, String> settings = new LinkedHashMap<>();
    Section section = component.section();
    for (String key : section.keys()) {
      settings.put(key, section.value(key));
    }
    return settings;
  }
}
