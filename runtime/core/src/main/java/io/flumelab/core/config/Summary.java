package io.flumelab.core.config;

import io.flumelab.core.config.TypeResolver.Resolved;
import io.flumelab.core.spi.ComponentKind;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** {@code agent a1: 1 source (r1 netcat), 1 channel (c1 memory), 1 sink (k1 logger)}. */
final class Summary {

  private Summary() {}

  static String of(AgentConfig config, TypeResolver resolver) {
    StringBuilder out = new StringBuilder("agent ").append(config.agentName()).append(": ");
    out.append(part(config.sources(), "source", c -> c.name() + " " + type(resolver, ComponentKind.SOURCE, c.type())));
    out.append(", ").append(part(config.channels(), "channel", c -> c.name() + " " + type(resolver, ComponentKind.CHANNEL, c.type())));
    out.append(", ").append(part(config.sinks(), "sink", c -> c.name() + " " + type(resolver, ComponentKind.SINK, c.type())));
    if (!config.sinkGroups().isEmpty()) {
      out.append(", ").append(part(config.sinkGroups(), "sink group", g -> {
        String processor = g.section().value("processor.type");
        processor = processor == null || processor.isBlank() ? ComponentKind.SINK_PROCESSOR.defaultType() : processor.trim();
        return g.name() + " " + type(resolver, ComponentKind.SINK_PROCESSOR, processor) + ": "
            + String.join(" ", g.list("sinks"));
      }));
    }
    return out.toString();
  }

  private static String part(Collection<ComponentConfig> components, String noun,
      Function<ComponentConfig, String> describe) {
    List<String> items = components.stream().map(describe).toList();
    String counted = ProblemReport.count(items.size(), noun);
    return items.isEmpty() ? counted : counted + " (" + String.join(", ", items) + ")";
  }

  private static String type(TypeResolver resolver, ComponentKind kind, String type) {
    return resolver.resolve(kind, type) instanceof Resolved resolved ? resolved.displayName() : type;
  }
}
