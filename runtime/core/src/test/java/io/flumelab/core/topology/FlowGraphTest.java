package io.flumelab.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.core.config.AgentConfigurations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowGraphTest {

  private static final String MULTIPLEXING = """
      a1.sources = r1
      a1.channels = c1 c2 c3
      a1.sinks = k1 k2 k3
      a1.sources.r1.type = netcat
      a1.sources.r1.bind = localhost
      a1.sources.r1.port = 44451
      a1.sources.r1.interceptors = i2 i1
      a1.sources.r1.interceptors.i2.type = host
      a1.sources.r1.interceptors.i1.type = com.example.TypeInterceptor$Builder
      a1.sources.r1.selector.type = multiplexing
      a1.sources.r1.selector.header = type
      a1.sources.r1.selector.mapping.letter = c1
      a1.sources.r1.selector.mapping.number = c2
      a1.sources.r1.selector.mapping.digit = c2
      a1.sources.r1.selector.default = c3
      a1.sources.r1.channels = c1 c2 c3
      a1.channels.c1.type = memory
      a1.channels.c2.type = memory
      a1.channels.c3.type = memory
      a1.sinks.k1.type = logger
      a1.sinks.k1.channel = c1
      a1.sinks.k2.type = logger
      a1.sinks.k2.channel = c2
      a1.sinks.k3.type = logger
      a1.sinks.k3.channel = c3
      """;

  private static final String SINK_GROUPS = """
      a1.sources = r1
      a1.channels = c1 c2
      a1.sinks = k1 k2 k3 k4
      a1.sinkgroups = g1 g2
      a1.sources.r1.type = netcat
      a1.sources.r1.bind = localhost
      a1.sources.r1.port = 44444
      a1.sources.r1.channels = c1 c2
      a1.sources.r1.selector.optional = c2
      a1.channels.c1.type = memory
      a1.channels.c2.type = memory
      a1.sinkgroups.g1.sinks = k1 k2
      a1.sinkgroups.g1.processor.type = failover
      a1.sinkgroups.g1.processor.priority.k1 = 5
      a1.sinkgroups.g1.processor.priority.k2 = 10
      a1.sinkgroups.g2.sinks = k3 k4
      a1.sinkgroups.g2.processor.type = load_balance
      a1.sinkgroups.g2.processor.selector = random
      a1.sinks.k1.type = avro
      a1.sinks.k1.hostname = hadoop102
      a1.sinks.k1.port = 4141
      a1.sinks.k1.channel = c1
      a1.sinks.k2.type = avro
      a1.sinks.k2.hostname = hadoop102
      a1.sinks.k2.port = 4142
      a1.sinks.k2.channel = c1
      a1.sinks.k3.type = logger
      a1.sinks.k3.channel = c2
      a1.sinks.k4.type = logger
      a1.sinks.k4.channel = c2
      """;

  @TempDir
  Path dir;

  @Test
  void aMultiplexingSelectorLabelsEachChannelWithTheValuesThatLeadThere() throws IOException {
    AgentFlow agent = read(file("mux.conf", MULTIPLEXING)).agent("a1");

    AgentFlow.Source source = agent.source("r1").orElseThrow();
    assertThat(source.interceptors()).containsExactly(
        new AgentFlow.Interceptor("i2", "host"),
        new AgentFlow.Interceptor("i1", "com.example.TypeInterceptor$Builder"));
    assertThat(source.selector().multiplexing()).isTrue();
    assertThat(source.selector().header()).isEqualTo("type");
    assertThat(source.selector().mapping()).containsExactly(Map.entry("letter", List.of("c1")),
        Map.entry("number", List.of("c2")), Map.entry("digit", List.of("c2")));
    assertThat(agent.edges()).containsExactly(
        edge(agent, NodeRef.Kind.SOURCE, "r1", NodeRef.Kind.CHANNEL, "c1", "letter"),
        edge(agent, NodeRef.Kind.SOURCE, "r1", NodeRef.Kind.CHANNEL, "c2", "number, digit"),
        edge(agent, NodeRef.Kind.SOURCE, "r1", NodeRef.Kind.CHANNEL, "c3", "default"),
        edge(agent, NodeRef.Kind.CHANNEL, "c1", NodeRef.Kind.SINK, "k1", null),
        edge(agent, NodeRef.Kind.CHANNEL, "c2", NodeRef.Kind.SINK, "k2", null),
        edge(agent, NodeRef.Kind.CHANNEL, "c3", NodeRef.Kind.SINK, "k3", null));
  }

  @Test
  void theOutlineShowsInterceptorsInOrderAndTheRoutes() throws IOException {
    String text = FlowGraphText.render(read(file("mux.conf", MULTIPLEXING)));

    assertThat(text).startsWith("""
        agent a1  [mux.conf]
          source r1: netcat at localhost:44451
            interceptors: i2 host, i1 com.example.TypeInterceptor$Builder
            selector: multiplexing on header 'type'
            -> c1  [letter]
            -> c2  [number, digit]
            -> c3  [default]
          channel c1: memory
        """).endsWith("""
          sink k3: logger, from c3
        hops: none between these agents
        """);
  }

  @Test
  void theOutlineShowsWhatSourcesReadOrRunAndWhereSinksWrite() throws IOException {
    String text = FlowGraphText.render(read(file("files.conf", """
        a1.sources = r1 r2 r3
        a1.channels = c1
        a1.sinks = k1 k2
        a1.sources.r1.type = exec
        a1.sources.r1.command = tail -F ${HIVE_LOG}
        a1.sources.r1.channels = c1
        a1.sources.r2.type = spooldir
        a1.sources.r2.spoolDir = /opt/module/flume/upload
        a1.sources.r2.channels = c1
        a1.sources.r3.type = TAILDIR
        a1.sources.r3.filegroups = f1 f2
        a1.sources.r3.filegroups.f1 = /opt/module/flume/files/file1.txt
        a1.sources.r3.filegroups.f2 = /opt/module/flume/files/.*file.*
        a1.sources.r3.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = hdfs
        a1.sinks.k1.hdfs.path = hdfs://hadoop102:9000/flume/%Y%m%d/%H
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = file_roll
        a1.sinks.k2.sink.directory = /opt/module/datas/flume3
        a1.sinks.k2.channel = c1
        """))).replace("\n    -> c1\n", "\n");

    assertThat(text).contains(
        "  source r1: exec runs tail -F ${HIVE_LOG}\n",
        "  source r2: spooldir at /opt/module/flume/upload\n",
        "  source r3: TAILDIR at /opt/module/flume/files/file1.txt, /opt/module/flume/files/.*file.*\n",
        "  sink k1: hdfs to hdfs://hadoop102:9000/flume/%Y%m%d/%H, from c1\n",
        "  sink k2: file_roll to /opt/module/datas/flume3, from c1\n");
  }

  @Test
  void aLongCommandIsShortenedInThePictureOnly() throws IOException {
    String command = "while true; do echo event $(date +%s); sleep 0.05; done | grep event";
    FlowGraph graph = read(file("long.conf", """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = exec
        a1.sources.r1.command = %s
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = null
        a1.sinks.k1.channel = c1
        """.formatted(command)));

    assertThat(FlowGraphText.render(graph)).contains("exec runs " + command + "\n");
    assertThat(FlowGraphDot.render(graph)).contains("\\n" + command.substring(0, 47) + "\u2026\"")
        .doesNotContain(command);
  }

  @Test
  void sinkGroupsKeepTheirProcessorPrioritiesAndSelector() throws IOException {
    FlowGraph graph = read(file("groups.conf", SINK_GROUPS));
    AgentFlow agent = graph.agent("a1");

    assertThat(agent.sinkGroups()).containsExactly(
        new AgentFlow.SinkGroup("g1", "failover", null, List.of("k1", "k2"),
            Map.of("k1", "5", "k2", "10")),
        new AgentFlow.SinkGroup("g2", "load_balance", "random", List.of("k3", "k4"), Map.of()));
    assertThat(agent.edges()).contains(
        edge(agent, NodeRef.Kind.SOURCE, "r1", NodeRef.Kind.CHANNEL, "c2", "optional"));
    assertThat(agent.sink("k1").orElseThrow().address()).isEqualTo("hadoop102:4141");
    String dot = FlowGraphDot.render(graph);
    assertThat(dot).contains(
        "subgraph \"cluster_0_0\" {\n      label=\"sink group g1: failover\"",
        "\"a1/sink/k2\" [shape=box, style=filled, fillcolor=\"#dcfce7\", label=\"k2\\navro\\nto hadoop102:4142\\npriority 10\"];",
        "label=\"sink group g2: load_balance (random)\"",
        "\"a1/source/r1\" -> \"a1/channel/c2\" [label=\"optional\"];");
  }

  @Test
  void anAvroSinkReachesTheSourceBoundToItsHostOrToEveryAddressOnItsPort() throws IOException {
    Path sender = file("sender.conf", SINK_GROUPS);
    Path named = file("named.conf", receiver("a2", "hadoop102", 4141));
    Path wildcard = file("wildcard.conf", receiver("a3", "0.0.0.0", 4142));
    Path otherHost = file("other.conf", receiver("a4", "hadoop103", 4141));
    Path otherPort = file("port.conf", receiver("a5", "hadoop102", 4143));

    FlowGraph graph = read(sender, named, wildcard, otherHost, otherPort);

    assertThat(graph.hops()).containsExactly(
        new Hop(new NodeRef("a1", NodeRef.Kind.SINK, "k1"),
            new NodeRef("a2", NodeRef.Kind.SOURCE, "r1"), "avro", "hadoop102:4141"),
        new Hop(new NodeRef("a1", NodeRef.Kind.SINK, "k2"),
            new NodeRef("a3", NodeRef.Kind.SOURCE, "r1"), "avro", "hadoop102:4142"));
    assertThat(FlowGraphText.render(graph)).endsWith("""
        hops
          a1.k1 --avro hadoop102:4141--> a2.r1
          a1.k2 --avro hadoop102:4142--> a3.r1
        """);
    assertThat(FlowGraphDot.render(graph)).contains("\"a1/sink/k1\" -> \"a2/source/r1\" "
        + "[label=\"avro\\nhadoop102:4141\", style=bold");
  }

  @Test
  void aThriftSinkReachesAThriftSourceOnlyWhateverSpellingOfTheTypeIsUsed() throws IOException {
    Path sender = file("sender.conf", receiver("a1", "localhost", 44400).replace(
        "a1.sinks.k1.type = logger\n", "a1.sinks.k1.type = org.apache.flume.sink.ThriftSink\n"
            + "a1.sinks.k1.hostname = hadoop103\na1.sinks.k1.port = 4545\n"));
    Path thrift = file("thrift.conf", receiver("a2", "hadoop103", 4545).replace("= avro", "= thrift"));
    Path avro = file("avro.conf", receiver("a3", "hadoop103", 4545));

    FlowGraph graph = read(sender, thrift, avro);

    assertThat(graph.hops()).containsExactly(new Hop(new NodeRef("a1", NodeRef.Kind.SINK, "k1"),
        new NodeRef("a2", NodeRef.Kind.SOURCE, "r1"), "thrift", "hadoop103:4545"));
  }

  @Test
  void aKafkaSinkFeedsTheSourcesAndChannelsReadingItsTopicFromTheSameBrokers() throws IOException {
    Path producer = file("producer.conf", """
        p1.sources = r1
        p1.channels = c1
        p1.sinks = k1 k2
        p1.sources.r1.type = exec
        p1.sources.r1.command = tail -F /tmp/x
        p1.sources.r1.channels = c1
        p1.channels.c1.type = memory
        p1.sinks.k1.type = org.apache.flume.sink.kafka.KafkaSink
        p1.sinks.k1.kafka.bootstrap.servers = hadoop102:9092,hadoop103:9092
        p1.sinks.k1.kafka.topic = first
        p1.sinks.k1.channel = c1
        p1.sinks.k2.type = kafka
        p1.sinks.k2.brokerList = hadoop105:9092
        p1.sinks.k2.kafka.topic = %{header}
        p1.sinks.k2.channel = c1
        """);
    Path consumers = file("consumers.conf", """
        s1.sources = r1 r2 r3
        s1.channels = c1 c2
        s1.sinks = k1
        s1.sources.r1.type = kafka
        s1.sources.r1.kafka.bootstrap.servers = HADOOP103:9092
        s1.sources.r1.kafka.topics = zero, first
        s1.sources.r1.channels = c1
        s1.sources.r2.type = kafka
        s1.sources.r2.kafka.bootstrap.servers = hadoop103:9092
        s1.sources.r2.kafka.topics.regex = fir.*
        s1.sources.r2.channels = c1
        s1.sources.r3.type = kafka
        s1.sources.r3.kafka.bootstrap.servers = hadoop105:9092
        s1.sources.r3.kafka.topics = first
        s1.sources.r3.channels = c1
        s1.channels.c1.type = memory
        s1.channels.c2.type = org.apache.flume.channel.kafka.KafkaChannel
        s1.channels.c2.kafka.bootstrap.servers = hadoop102:9092
        s1.channels.c2.kafka.topic = first
        s1.sinks.k1.type = logger
        s1.sinks.k1.channel = c2
        """);

    FlowGraph graph = read(producer, consumers);

    NodeRef sink = new NodeRef("p1", NodeRef.Kind.SINK, "k1");
    assertThat(graph.hops()).containsExactly(
        new Hop(sink, new NodeRef("s1", NodeRef.Kind.SOURCE, "r1"), "kafka", "topic first"),
        new Hop(sink, new NodeRef("s1", NodeRef.Kind.SOURCE, "r2"), "kafka", "topic first"),
        new Hop(sink, new NodeRef("s1", NodeRef.Kind.CHANNEL, "c2"), "kafka", "topic first"));
    assertThat(graph.agent("s1").sources().get(1).address()).isEqualTo("topics /fir.*/");
  }

  @Test
  void nameRestrictsTheGraphToTheAgentsOfThatName() throws IOException {
    Path both = file("both.conf", SINK_GROUPS + receiver("a2", "hadoop102", 4141));

    FlowGraph graph = read(List.of(both), "a2");

    assertThat(graph.agents()).extracting(AgentFlow::id).containsExactly("a2");
    assertThat(graph.hops()).isEmpty();
  }

  @Test
  void agentsOfOneNameInTwoFilesAreToldApartByTheirFile() throws IOException {
    Path first = file("first.conf", MULTIPLEXING);
    Path second = file("second.conf", MULTIPLEXING);

    FlowGraph graph = read(first, second);

    assertThat(graph.agents()).extracting(AgentFlow::id)
        .containsExactly("a1@first.conf", "a1@second.conf");
    assertThat(FlowGraphDot.render(graph)).contains("\"a1@second.conf/source/r1\"");
  }

  @Test
  void anUnknownAgentIsNamedWithTheAgentsTheFilesConfigure() throws IOException {
    Path mux = file("mux.conf", MULTIPLEXING);
    Path other = file("other.conf", receiver("b7", "localhost", 4141));

    assertThatThrownBy(() -> read(List.of(mux, other), "a9"))
        .isInstanceOf(FlowGraphException.class)
        .hasMessage("no agent 'a9' in " + mux + ", " + other + "; the files configure a1 "
            + "(mux.conf), b7 (other.conf). Name one of them with -n, or leave -n out to draw "
            + "every agent.");
  }

  @Test
  void aMissingFileIsNamedWithTheFix() {
    Path missing = dir.resolve("missing.conf");

    assertThatThrownBy(() -> read(missing))
        .isInstanceOf(FlowGraphException.class)
        .hasMessage(missing + ": no such file. Check the path given with -f (--conf-file).");
  }

  @Test
  void aFileWithoutAgentsSaysWhatItExpected() throws IOException {
    Path empty = file("vars.conf", "HOST = hadoop102\n");

    assertThatThrownBy(() -> read(empty))
        .isInstanceOf(FlowGraphException.class)
        .hasMessageStartingWith(empty + ": no agent is configured in this file");
  }

  @Test
  void chosenAgentsAreDrawnAloneWithTheHopsBetweenThem() throws IOException {
    Path sender = file("sender.conf", SINK_GROUPS);
    Path both = file("both.conf", receiver("a2", "hadoop102", 4141) + receiver("a9", "hadoop102", 4149));

    FlowGraph graph = FlowGraphs.read(List.of(new FlowGraphs.Declared(both, "a2"),
        new FlowGraphs.Declared(sender, "a1")), AgentConfigurations.Options.defaults());

    assertThat(graph.agents()).extracting(AgentFlow::id).containsExactly("a2", "a1");
    assertThat(graph.hops()).extracting(Hop::to)
        .containsExactly(new NodeRef("a2", NodeRef.Kind.SOURCE, "r1"));
  }

  @Test
  void theLivePictureGivesEveryAgentNodeAndEdgeAnIdAndReservesALineForItsCounter()
      throws IOException {
    FlowGraph graph = read(file("sender.conf", SINK_GROUPS),
        file("named.conf", receiver("a2", "hadoop102", 4141)));

    String live = FlowGraphDot.renderLive(graph, "put -/s", "fill -");

    assertThat(live).contains("id=\"agent:a1\";", "id=\"agent:a2\";")
        .contains("\"a1/channel/c1\" [shape=cylinder, style=filled, fillcolor=\"#fef3c7\", "
            + "id=\"a1/channel/c1\", label=\"c1\\nmemory\\nfill -\"]")
        .contains("\"a1/source/r1\" -> \"a1/channel/c1\" [id=\"a1/source/r1->a1/channel/c1\", "
            + "label=\"put -/s\"]")
        .contains("\"a1/source/r1\" -> \"a1/channel/c2\" [id=\"a1/source/r1->a1/channel/c2\", "
            + "label=\"optional\\nput -/s\"]")
        .contains("[id=\"hop:a1/sink/k1->a2/source/r1\", label=\"avro\\nhadoop102:4141\"");
    AgentFlow a1 = graph.agent("a1");
    assertThat(FlowGraphDot.elementId(a1.edges().get(0))).isEqualTo("a1/source/r1->a1/channel/c1");
    assertThat(FlowGraphDot.agentElementId(a1)).isEqualTo("agent:a1");
    assertThat(FlowGraphDot.render(graph)).doesNotContain("id=", "fill -");
  }

  private static String receiver(String agent, String bind, int port) {
    return """
        A.sources = r1
        A.channels = c1
        A.sinks = k1
        A.sources.r1.type = avro
        A.sources.r1.bind = BIND
        A.sources.r1.port = PORT
        A.sources.r1.channels = c1
        A.channels.c1.type = memory
        A.sinks.k1.type = logger
        A.sinks.k1.channel = c1
        """.replace("A.", agent + ".").replace("BIND", bind).replace("PORT", String.valueOf(port));
  }

  private static Edge edge(AgentFlow agent, NodeRef.Kind fromKind, String from,
      NodeRef.Kind toKind, String to, String label) {
    return new Edge(agent.ref(fromKind, from), agent.ref(toKind, to), label);
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static FlowGraph read(Path... files) {
    return read(List.of(files), null);
  }

  private static FlowGraph read(List<Path> files, String agent) {
    return FlowGraphs.read(files, agent, AgentConfigurations.Options.defaults());
  }
}
