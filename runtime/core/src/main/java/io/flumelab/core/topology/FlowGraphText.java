package io.flumelab.core.topology;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link FlowGraph} as an indented outline for a terminal: each agent with its components in
 * list order, where each source's events go, then the hops between agents. ASCII only, so that
 * any terminal and any diff shows it.
 */
public final class FlowGraphText {

  private FlowGraphText() {}

  public static String render(FlowGraph graph) {
    StringBuilder out = new StringBuilder();
    for (AgentFlow agent : graph.agents()) {
      agent(agent, out);
    }
    out.append("hops");
    if (graph.hops().isEmpty()) {
      out.append(": none between these agents\n");
      return out.toString();
    }
    out.append('\n');
    for (Hop hop : graph.hops()) {
      out.append("  ").append(hop.from()).append(" --").append(hop.protocol()).append(' ')
          .append(hop.address()).append("--> ").append(hop.to()).append('\n');
    }
    return out.toString();
  }

  private static void agent(AgentFlow agent, StringBuilder out) {
    out.append("agent ").append(agent.id());
    if (!agent.id().equals(agent.name())) {
      out.append(" (").append(agent.name()).append(')');
    }
    out.append("  [").append(agent.file()).append("]\n");
    List<Edge> edges = agent.edges();
    for (AgentFlow.Source source : agent.sources()) {
      out.append("  source ").append(source.name()).append(": ").append(type(source.type()));
      at("exec".equalsIgnoreCase(source.type()) ? " runs " : " at ", source.address(), out);
      if (!source.interceptors().isEmpty()) {
        out.append("    interceptors: ").append(source.interceptors().stream()
            .map(i -> i.name() + " " + type(i.type())).collect(Collectors.joining(", ")))
            .append('\n');
      }
      AgentFlow.Selector selector = source.selector();
      if (FlowGraphDot.worthShowing(source)) {
        out.append("    selector: ").append(selector.type());
        if (selector.multiplexing()) {
          out.append(" on header ").append(selector.header() == null ? "(none)"
              : "'" + selector.header() + "'");
        }
        out.append('\n');
      }
      for (Edge edge : edges) {
        if (edge.from().equals(agent.ref(NodeRef.Kind.SOURCE, source.name()))) {
          out.append("    -> ").append(edge.to().name());
          if (edge.label() != null) {
            out.append("  [").append(edge.label()).append(']');
          }
          out.append('\n');
        }
      }
    }
    for (AgentFlow.Channel channel : agent.channels()) {
      out.append("  channel ").append(channel.name()).append(": ").append(type(channel.type()));
      at(" at ", channel.address(), out);
    }
    for (AgentFlow.SinkGroup group : agent.sinkGroups()) {
      out.append("  sink group ").append(group.name()).append(": ").append(group.processor());
      if (group.selector() != null) {
        out.append(" (").append(group.selector()).append(')');
      }
      out.append(", sinks ").append(String.join(" ", group.sinks())).append('\n');
    }
    for (AgentFlow.Sink sink : agent.sinks()) {
      out.append("  sink ").append(sink.name()).append(": ").append(type(sink.type()));
      if (sink.address() != null) {
        out.append(" to ").append(sink.address());
      }
      out.append(", from ").append(sink.channel() == null ? "(no channel)" : sink.channel());
      agent.groupOf(sink.name()).ifPresent(group -> {
        out.append(", in ").append(group.name());
        String priority = group.priorities().get(sink.name());
        if (priority != null) {
          out.append(" priority ").append(priority);
        }
      });
      out.append('\n');
    }
  }

  private static void at(String preposition, String address, StringBuilder out) {
    if (address != null) {
      out.append(preposition).append(address);
    }
    out.append('\n');
  }

  static String type(String type) {
    return type == null ? "(no type)" : type;
  }
}
