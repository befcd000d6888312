package io.flumelab.cluster.dashboard;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.topology.FlowGraph;
import io.flumelab.core.topology.FlowGraphDot;
import io.flumelab.core.topology.FlowGraphException;
import io.flumelab.core.topology.FlowGraphs;
import io.flumelab.launcher.Graphviz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The picture of the running agents: their job files read as {@code flume-ng graph} reads them
 * ({@link FlowGraphs}, so hops between them are drawn), written as DOT with element ids and room
 * for counters ({@link FlowGraphDot#renderLive}) and laid out by Graphviz's {@code dot} into SVG.
 * Drawn again only when the set of agents changes; a page reloads it when {@link Drawing#version()}
 * changes and updates the counters in it by id.
 */
final class LiveTopology {

  /** What a counter line shows before the first rate, as wide as a typical value. */
  static final String EDGE_PLACEHOLDER = "put 0000.0/s";
  static final String CHANNEL_PLACEHOLDER = "fill 000.0 % (00000)";

  /**
   * A drawing of some agents.
   *
   * @param agents the agents drawn, in the graph's order (the graph's agent i is agents' i)
   * @param graph null when there is nothing to draw or the files cannot be read
   * @param svg the picture, or null with {@code problem} saying why
   */
  record Drawing(List<FlowGraphs.Declared> agents, FlowGraph graph, String version, String svg,
      String problem) {}

  private final Optional<Graphviz> graphviz;
  private Drawing drawing = new Drawing(List.of(), null, "none", null, "no agent runs");

  LiveTopology(Optional<Graphviz> graphviz) {
    this.graphviz = graphviz;
  }

  synchronized Drawing of(List<FlowGraphs.Declared> agents) {
    if (!agents.equals(drawing.agents())) {
      drawing = draw(agents);
    }
    return drawing;
  }

  private Drawing draw(List<FlowGraphs.Declared> agents) {
    if (agents.isEmpty()) {
      return new Drawing(agents, null, "none", null, "no agent runs");
    }
    List<FlowGraphs.Declared> readable = agents.stream()
        .filter(agent -> Files.isReadable(agent.file())).toList();
    if (readable.size() < agents.size()) {
      return new Drawing(agents, null, "unreadable", null, "job files cannot be read: "
          + agents.stream().filter(agent -> !readable.contains(agent))
              .map(agent -> agent.file().toString()).toList());
    }
    FlowGraph graph;
    try {
      graph = FlowGraphs.read(agents, AgentConfigurations.Options.defaults());
    } catch (FlowGraphException e) {
      return new Drawing(agents, null, "unreadable", null, e.getMessage());
    }
    String dot = FlowGraphDot.renderLive(graph, EDGE_PLACEHOLDER, CHANNEL_PLACEHOLDER);
    String version = sha256(dot);
    if (graphviz.isEmpty()) {
      return new Drawing(agents, graph, version, null, "Graphviz's dot program is not on the "
          + "PATH, so the topology is not drawn. " + Graphviz.INSTALL_HINT);
    }
    try {
      String svg = new String(graphviz.get().render(dot, "svg"), StandardCharsets.UTF_8);
      // the <svg> element alone: the page puts it into its document
      int start = svg.indexOf("<svg");
      return new Drawing(agents, graph, version, start < 0 ? svg : svg.substring(start), null);
    } catch (IOException e) {
      return new Drawing(agents, graph, version, null, "Graphviz failed: " + e.getMessage());
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
