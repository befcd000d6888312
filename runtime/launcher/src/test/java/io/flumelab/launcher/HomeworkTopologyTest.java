package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.topology.AgentFlow;
import io.flumelab.core.topology.Edge;
import io.flumelab.core.topology.FlowGraph;
import io.flumelab.core.topology.FlowGraphDot;
import io.flumelab.core.topology.FlowGraphs;
import io.flumelab.core.topology.Hop;
import io.flumelab.core.topology.NodeRef;
import io.flumelab.core.topology.NodeRef.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's acceptance: the graph of lab 07's reference answer (the homework's four agents on
 * three hosts) has the nodes and edges of the topology the homework asks students to draw, in the
 * model and in the DOT text Graphviz draws. Types resolve as in {@code flume-ng graph}: every
 * module is on this class path.
 */
class HomeworkTopologyTest {

  /** Surefire runs in the module's directory. */
  private static final Path HOMEWORK = Path.of("..", "..", "answers", "07-topology-homework",
      "jobs", "homework");

  private static FlowGraph graph;
  private static String dot;

  @BeforeAll
  static void readTheFourJobs() {
    // the students' copy (bin/flumelab handout) has no reference answers
    assumeTrue(Files.isDirectory(HOMEWORK), "a copy without the answers");
    List<Path> files = List.of("flume1.conf", "flume2.conf", "flume3.conf", "flume4.conf").stream()
        .map(HOMEWORK::resolve).toList();
    graph = FlowGraphs.read(files, null,
        AgentConfigurations.Options.defaults().withEnv(Map.of()).withSystemProperties(Map.of()));
    dot = FlowGraphDot.render(graph);
  }

  @Test
  void theFourAgentsHaveTheirComponents() {
    assertThat(graph.agents()).extracting(AgentFlow::id).containsExactly("a1", "a2", "a3", "a4");
    assertComponents("a1", List.of("r1 exec"), List.of("c1 memory"), List.of("k1 avro"));
    assertComponents("a2", List.of("r1 avro"), List.of("c1 memory", "c2 memory"),
        List.of("k1 file_roll", "k2 avro"));
    assertComponents("a3", List.of("r1 avro"), List.of("c1 memory"), List.of("k1 hdfs"));
    assertComponents("a4", List.of("r1 exec"), List.of("c1 memory"), List.of("k1 avro"));
    assertThat(graph.agent("a2").source("r1").orElseThrow().selector().type())
        .isEqualTo("replicating");
  }

  @Test
  void flume2WritesLocallyAndForwards() {
    AgentFlow a2 = graph.agent("a2");

    assertThat(a2.edges()).containsExactly(
        new Edge(a2.ref(Kind.SOURCE, "r1"), a2.ref(Kind.CHANNEL, "c1"), null),
        new Edge(a2.ref(Kind.SOURCE, "r1"), a2.ref(Kind.CHANNEL, "c2"), null),
        new Edge(a2.ref(Kind.CHANNEL, "c1"), a2.ref(Kind.SINK, "k1"), null),
        new Edge(a2.ref(Kind.CHANNEL, "c2"), a2.ref(Kind.SINK, "k2"), null));
  }

  @Test
  void theHopsAreFlume1ToFlume2AndFlume2AndFlume4ToFlume3() {
    assertThat(graph.hops()).containsExactly(
        new Hop(new NodeRef("a1", Kind.SINK, "k1"), new NodeRef("a2", Kind.SOURCE, "r1"),
            "avro", "hadoop103:4141"),
        new Hop(new NodeRef("a2", Kind.SINK, "k2"), new NodeRef("a3", Kind.SOURCE, "r1"),
            "avro", "hadoop105:4141"),
        new Hop(new NodeRef("a4", Kind.SINK, "k1"), new NodeRef("a3", Kind.SOURCE, "r1"),
            "avro", "hadoop105:4141"));
  }

  @Test
  void theDotTextHasOneClusterPerAgentAndTheHopsBetweenThem() {
    assertThat(dot).startsWith("digraph flow {").endsWith("}\n");
    assertThat(dot.lines().filter(line -> line.startsWith("  subgraph \"cluster_")))
        .containsExactly("  subgraph \"cluster_0\" {", "  subgraph \"cluster_1\" {",
            "  subgraph \"cluster_2\" {", "  subgraph \"cluster_3\" {");
    assertThat(dot).contains(
        "label=\"agent a1  (flume1.conf)\"", "label=\"agent a4  (flume4.conf)\"",
        "\"a2/source/r1\" [shape=box, style=\"rounded,filled\", fillcolor=\"#dbeafe\", "
            + "label=\"r1\\navro\\nhadoop103:4141\\nselector: replicating\"];",
        "\"a2/channel/c2\" [shape=cylinder",
        "\"a3/sink/k1\" [shape=box, style=filled, fillcolor=\"#dcfce7\", label=\"k1\\nhdfs\\nto hdfs://hadoop102:9000/flume/homework/%Y%m%d/%H\"];",
        "    \"a2/source/r1\" -> \"a2/channel/c2\";\n",
        "    \"a2/channel/c1\" -> \"a2/sink/k1\";\n");
    assertThat(dot.lines().filter(line -> line.contains("style=bold")).map(String::strip))
        .containsExactly(
            "\"a1/sink/k1\" -> \"a2/source/r1\" [label=\"avro\\nhadoop103:4141\", style=bold, "
                + "color=\"#2563eb\", fontcolor=\"#1d4ed8\"];",
            "\"a2/sink/k2\" -> \"a3/source/r1\" [label=\"avro\\nhadoop105:4141\", style=bold, "
                + "color=\"#2563eb\", fontcolor=\"#1d4ed8\"];",
            "\"a4/sink/k1\" -> \"a3/source/r1\" [label=\"avro\\nhadoop105:4141\", style=bold, "
                + "color=\"#2563eb\", fontcolor=\"#1d4ed8\"];");
  }

  private static void assertComponents(String agentId, List<String> sources,
      List<String> channels, List<String> sinks) {
    AgentFlow agent = graph.agent(agentId);
    assertThat(agent.sources()).extracting(s -> s.name() + " " + s.type())
        .as("sources of %s", agentId).containsExactlyElementsOf(sources);
    assertThat(agent.channels()).extracting(c -> c.name() + " " + c.type())
        .as("channels of %s", agentId).containsExactlyElementsOf(channels);
    assertThat(agent.sinks()).extracting(s -> s.name() + " " + s.type())
        .as("sinks of %s", agentId).containsExactlyElementsOf(sinks);
  }
}
