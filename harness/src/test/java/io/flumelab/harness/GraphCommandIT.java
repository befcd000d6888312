package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/flume-ng graph} run as students run it, on two job files joined by an avro hop. */
class GraphCommandIT {

  private static final String SENDER = """
      a1.sources = r1
      a1.channels = c1
      a1.sinks = k1
      a1.sources.r1.type = netcat
      a1.sources.r1.bind = localhost
      a1.sources.r1.port = 44444
      a1.sources.r1.channels = c1
      a1.channels.c1.type = memory
      a1.sinks.k1.type = avro
      a1.sinks.k1.hostname = hadoop105
      a1.sinks.k1.port = 4141
      a1.sinks.k1.channel = c1
      """;

  private static final String RECEIVER = """
      a2.sources = r1
      a2.channels = c1
      a2.sinks = k1
      a2.sources.r1.type = avro
      a2.sources.r1.bind = 0.0.0.0
      a2.sources.r1.port = 4141
      a2.sources.r1.channels = c1
      a2.channels.c1.type = memory
      a2.sinks.k1.type = logger
      a2.sinks.k1.channel = c1
      """;

  @TempDir
  Path dir;

  @Test
  void textOutlinesBothAgentsAndTheHop() throws IOException {
    FlumeNgCli.Result result = FlumeNgCli.run("graph", "-f", write("a.conf", SENDER), "-f",
        write("b.conf", RECEIVER));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("agent a1  [a.conf]", "agent a2  [b.conf]",
        "  sink k1: avro to hadoop105:4141, from c1", "hops\n  a1.k1 --avro hadoop105:4141--> a2.r1\n");
  }

  @Test
  void svgIsDrawnByGraphvizIntoTheFileNamed() throws IOException {
    assumeTrue(dotOnPath(), "Graphviz's dot is not on the PATH (.ci/run installs graphviz)");
    Path svg = dir.resolve("topology.svg");

    FlumeNgCli.Result result = FlumeNgCli.run("graph", "-f", write("a.conf", SENDER), "-f",
        write("b.conf", RECEIVER), "--format", "svg", "-o", svg.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Wrote " + svg + ": 2 agents, 1 hop (svg).");
    assertThat(Files.readString(svg)).contains("<svg", "agent a1", "agent a2", "hadoop105:4141");
  }

  @Test
  void anUnknownAgentExitsOneNamingTheAgentsThereAre() throws IOException {
    FlumeNgCli.Result result = FlumeNgCli.run("graph", "-f", write("a.conf", SENDER), "-n", "a7");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("no agent 'a7' in ", "the files configure a1 (a.conf)");
  }

  private String write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  private static boolean dotOnPath() {
    return Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "dot")));
  }
}
