package io.flumelab.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link FlowGraph} as Graphviz DOT: one cluster per agent (its file in the label), sources as
 * rounded boxes listing their interceptors and selector, channels as cylinders, sinks as boxes, a
 * sink group as a dashed cluster around its sinks, and hops as bold edges from cluster to cluster
 * labelled with where they meet. The text depends on the graph only, so a test can compare it.
 */
public final class FlowGraphDot {

  private static final String SOURCE_STYLE = "shape=box, style=\"rounded,filled\", fillcolor=\"#dbeafe\"";
  private static final String CHANNEL_STYLE = "shape=cylinder, style=filled, fillcolor=\"#fef3c7\"";
  private static final String SINK_STYLE = "shape=box, style=filled, fillcolor=\"#dcfce7\"";

  private FlowGraphDot() {}

  public static String render(FlowGraph graph) {
    StringBuilder out = new StringBuilder("digraph flow {\n");
    out.append("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.3, ranksep=0.6];\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (int i = 0; i < graph.agents().size(); i++) {
      agent(graph.agents().get(i), "cluster_" + i, out);
    }
    for (Hop hop : graph.hops()) {
      out.append("  ").append(id(hop.from())).append(" -> ").append(id(hop.to()))
          .append(" [label=").append(quote(hop.protocol() + "\n" + hop.address()))
          .append(", style=bold, color=\"#2563eb\", fontcolor=\"#1d4ed8\"];\n");
    }
    return out.append("}\n").toString();
  }

  private static void agent(AgentFlow agent, String cluster, StringBuilder out) {
    out.append("  subgraph ").append(quote(cluster)).append(" {\n");
    out.append("    label=").append(quote("agent " + agent.name() + "  (" + agent.file() + ")"))
        .append("; style=rounded; color=\"#64748b\";\n");
    for (AgentFlow.Source source : agent.sources()) {
      node(agent.ref(NodeRef.Kind.SOURCE, source.name()), sourceLabel(source), SOURCE_STYLE, "    ", out);
    }
    for (AgentFlow.Channel channel : agent.channels()) {
      List<String> lines = new ArrayList<>(List.of(channel.name(), FlowGraphText.type(channel.type())));
      addIfSet(lines, channel.address());
      node(agent.ref(NodeRef.Kind.CHANNEL, channel.name()), lines, CHANNEL_STYLE, "    ", out);
    }
    for (int g = 0; g < agent.sinkGroups().size(); g++) {
      AgentFlow.SinkGroup group = agent.sinkGroups().get(g);
      out.append("    subgraph ").append(quote(cluster + "_" + g)).append(" {\n");
      String processor = group.processor() + (group.selector() == null ? "" : " (" + group.selector() + ")");
      out.append("      label=").append(quote("sink group " + group.name() + ": " + processor))
          .append("; style=dashed; color=\"#16a34a\";\n");
      for (String sinkName : group.sinks()) {
        agent.sink(sinkName).ifPresent(sink -> node(agent.ref(NodeRef.Kind.SINK, sink.name()),
            sinkLabel(sink, group), SINK_STYLE, "      ", out));
      }
      out.append("    }\n");
    }
    for (AgentFlow.Sink sink : agent.sinks()) {
      if (agent.groupOf(sink.name()).isEmpty()) {
        node(agent.ref(NodeRef.Kind.SINK, sink.name()), sinkLabel(sink, null), SINK_STYLE, "    ", out);
      }
    }
    for (Edge edge : agent.edges()) {
      out.append("    ").append(id(edge.from())).append(" -> ").append(id(edge.to()));
      if (edge.label() != null) {
        out.append(" [label=").append(quote(edge.label())).append(']');
      }
      out.append(";\n");
    }
    out.append("  }\n");
  }

  private static List<String> sourceLabel(AgentFlow.Source source) {
    List<String> lines = new ArrayList<>(List.of(source.name(), FlowGraphText.type(source.type())));
    addIfSet(lines, source.address());
    for (AgentFlow.Interceptor interceptor : source.interceptors()) {
      lines.add("interceptor " + interceptor.name() + ": " + FlowGraphText.type(interceptor.type()));
    }
    AgentFlow.Selector selector = source.selector();
    if (selector.multiplexing()) {
      lines.add("selector: multiplexing on " + (selector.header() == null ? "(no header)" : selector.header()));
    } else if (worthShowing(source)) {
      lines.add("selector: " + selector.type());
    }
    return lines;
  }

  /** Whether the selector says more than "to its one channel": several channels, or not the default. */
  static boolean worthShowing(AgentFlow.Source source) {
    return source.selector().multiplexing() || source.channels().size() > 1
        || !"replicating".equalsIgnoreCase(source.selector().type());
  }

  private static List<String> sinkLabel(AgentFlow.Sink sink, AgentFlow.SinkGroup group) {
    List<String> lines = new ArrayList<>(List.of(sink.name(), FlowGraphText.type(sink.type())));
    if (sink.address() != null) {
      lines.add("to " + sink.address());
    }
    if (group != null && group.priorities().containsKey(sink.name())) {
      lines.add("priority " + group.priorities().get(sink.name()));
    }
    return lines;
  }

  private static void addIfSet(List<String> lines, String line) {
    if (line != null) {
      lines.add(line);
    }
  }

  private static void node(NodeRef ref, List<String> lines, String style, String indent,
      StringBuilder out) {
    out.append(indent).append(id(ref)).append(" [").append(style).append(", label=")
        .append(quote(String.join("\n", lines))).append("];\n");
  }

  /** {@code "a1/source/r1"}: unique across agents and kinds (a source and a sink may share a name). */
  static String id(NodeRef ref) {
    return quote(ref.agent() + "/" + ref.kind().name().toLowerCase(Locale.ROOT) + "/" + ref.name());
  }

  /** A DOT string: quotes and backslashes escaped, line breaks as DOT's centred {@code \n}. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
