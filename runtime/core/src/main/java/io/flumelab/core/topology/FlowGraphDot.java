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

  private static final int LONGEST_LINE = 48;

  private static final String SOURCE_STYLE = "shape=box, style=\"rounded,filled\", fillcolor=\"#dbeafe\"";
  private static final String CHANNEL_STYLE = "shape=cylinder, style=filled, fillcolor=\"#fef3c7\"";
  private static final String SINK_STYLE = "shape=box, style=filled, fillcolor=\"#dcfce7\"";

  /**
   * Lines a live picture reserves for counters: Graphviz sizes each label by its text, so the
   * placeholders are as wide as a typical value, and a page's script replaces the last line.
   */
  private record Live(String edgeLine, String channelLine) {}

  private FlowGraphDot() {}

  public static String render(FlowGraph graph) {
    return render(graph, null);
  }

  /**
   * The same picture for a page that updates it: every agent's cluster, node, edge and hop has
   * an {@code id} Graphviz carries into the SVG as its group's id ({@link #elementId(NodeRef)},
   * {@link #elementId(Edge)}, {@link #agentElementId(AgentFlow)}), and every edge inside an agent
   * and every channel ends its label with a line holding {@code edgeLine} or
   * {@code channelLine}, the place of a live value.
   */
  public static String renderLive(FlowGraph graph, String edgeLine, String channelLine) {
    return render(graph, new Live(edgeLine, channelLine));
  }

  /** The SVG id of a source, channel or sink: {@code a1/channel/c1}. */
  public static String elementId(NodeRef ref) {
    return ref.agent() + "/" + ref.kind().name().toLowerCase(Locale.ROOT) + "/" + ref.name();
  }

  /** The SVG id of an edge inside an agent: {@code a1/source/r1->a1/channel/c1}. */
  public static String elementId(Edge edge) {
    return elementId(edge.from()) + "->" + elementId(edge.to());
  }

  /** The SVG id of an agent's cluster: {@code agent:a1}. */
  public static String agentElementId(AgentFlow agent) {
    return "agent:" + agent.id();
  }

  private static String render(FlowGraph graph, Live live) {
    StringBuilder out = new StringBuilder("digraph flow {\n");
    out.append("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.3, ranksep=0.6];\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (int i = 0; i < graph.agents().size(); i++) {
      agent(graph.agents().get(i), "cluster_" + i, live, out);
    }
    for (Hop hop : graph.hops()) {
      out.append("  ").append(id(hop.from())).append(" -> ").append(id(hop.to()))
          .append(" [");
      if (live != null) {
        out.append("id=").append(quote("hop:" + elementId(hop.from()) + "->" + elementId(hop.to())))
            .append(", ");
      }
      out.append("label=").append(quote(hop.protocol() + "\n" + hop.address()))
          .append(", style=bold, color=\"#2563eb\", fontcolor=\"#1d4ed8\"];\n");
    }
    return out.append("}\n").toString();
  }

  private static void agent(AgentFlow agent, String cluster, Live live, StringBuilder out) {
    out.append("  subgraph ").append(quote(cluster)).append(" {\n");
    if (live != null) {
      out.append("    id=").append(quote(agentElementId(agent))).append(";\n");
    }
    out.append("    label=").append(quote("agent " + agent.name() + "  (" + agent.file() + ")"))
        .append("; style=rounded; color=\"#64748b\";\n");
    for (AgentFlow.Source source : agent.sources()) {
      node(agent.ref(NodeRef.Kind.SOURCE, source.name()), sourceLabel(source), SOURCE_STYLE, "    ",
          live, out);
    }
    for (AgentFlow.Channel channel : agent.channels()) {
      List<String> lines = new ArrayList<>(List.of(channel.name(), FlowGraphText.type(channel.type())));
      addIfSet(lines, channel.address());
      if (live != null) {
        lines.add(live.channelLine());
      }
      node(agent.ref(NodeRef.Kind.CHANNEL, channel.name()), lines, CHANNEL_STYLE, "    ", live, out);
    }
    for (int g = 0; g < agent.sinkGroups().size(); g++) {
      AgentFlow.SinkGroup group = agent.sinkGroups().get(g);
      out.append("    subgraph ").append(quote(cluster + "_" + g)).append(" {\n");
      String processor = group.processor() + (group.selector() == null ? "" : " (" + group.selector() + ")");
      out.append("      label=").append(quote("sink group " + group.name() + ": " + processor))
          .append("; style=dashed; color=\"#16a34a\";\n");
      for (String sinkName : group.sinks()) {
        agent.sink(sinkName).ifPresent(sink -> node(agent.ref(NodeRef.Kind.SINK, sink.name()),
            sinkLabel(sink, group), SINK_STYLE, "      ", live, out));
      }
      out.append("    }\n");
    }
    for (AgentFlow.Sink sink : agent.sinks()) {
      if (agent.groupOf(sink.name()).isEmpty()) {
        node(agent.ref(NodeRef.Kind.SINK, sink.name()), sinkLabel(sink, null), SINK_STYLE, "    ",
            live, out);
      }
    }
    for (Edge edge : agent.edges()) {
      out.append("    ").append(id(edge.from())).append(" -> ").append(id(edge.to()));
      if (live != null) {
        String label = edge.label() == null ? live.edgeLine() : edge.label() + "\n" + live.edgeLine();
        out.append(" [id=").append(quote(elementId(edge))).append(", label=").append(quote(label))
            .append(']');
      } else if (edge.label() != null) {
        out.append(" [label=").append(quote(edge.label())).append(']');
      }
      out.append(";\n");
    }
    out.append("  }\n");
  }

  private static List<String> sourceLabel(AgentFlow.Source source) {
    List<String> lines = new ArrayList<>(List.of(source.name(), FlowGraphText.type(source.type())));
    addIfSet(lines, shortened(source.address()));
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
      lines.add("to " + shortened(sink.address()));
    }
    if (group != null && group.priorities().containsKey(sink.name())) {
      lines.add("priority " + group.priorities().get(sink.name()));
    }
    return lines;
  }

  /** A command or path as long as a box should be wide; the text output shows it whole. */
  private static String shortened(String line) {
    return line == null || line.length() <= LONGEST_LINE ? line
        : line.substring(0, LONGEST_LINE - 1) + "\u2026";
  }

  private static void addIfSet(List<String> lines, String line) {
    if (line != null) {
      lines.add(line);
    }
  }

  private static void node(NodeRef ref, List<String> lines, String style, String indent,
      Live live, StringBuilder out) {
    out.append(indent).append(id(ref)).append(" [").append(style);
    if (live != null) {
      out.append(", id=").append(quote(elementId(ref)));
    }
    out.append(", label=")
        .append(quote(String.join("\n", lines))).append("];\n");
  }

  /** {@code "a1/source/r1"}: unique across agents and kinds (a source and a sink may share a name). */
  static String id(NodeRef ref) {
    return quote(elementId(ref));
  }

  /** A DOT string: quotes and backslashes escaped, line breaks as DOT's centred {@code \n}. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
