package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GraphCommandTest {

  private static final String JOB = """
      a1.sources = r1
      a1.channels = c1
      a1.sinks = k1
      a1.sources.r1.type = netcat
      a1.sources.r1.bind = localhost
      a1.sources.r1.port = ${PORT}
      a1.sources.r1.channels = c1
      a1.channels.c1.type = memory
      a1.sinks.k1.type = logger
      a1.sinks.k1.channel = c1
      """;

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = FlumeNg.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void dotIsWrittenToTheFileNamedWithVariablesFromD() throws IOException {
    Path job = Files.writeString(dir.resolve("job.conf"), JOB);
    Path dot = dir.resolve("job.dot");

    assertThat(run("graph", "-f", job.toString(), "--format", "dot", "-o", dot.toString(),
        "-DPORT=44470")).as(err.toString()).isZero();

    assertThat(out.toString()).isEqualTo("Wrote " + dot + ": 1 agent, 0 hops (dot).\n");
    assertThat(Files.readString(dot)).startsWith("digraph flow {")
        .contains("label=\"r1\\nnetcat\\nlocalhost:44470\"");
  }

  @Test
  void pngWithoutAFileIsRefused() throws IOException {
    Path job = Files.writeString(dir.resolve("job.conf"), JOB);

    assertThat(run("graph", "-f", job.toString(), "--format", "png")).isEqualTo(2);

    assertThat(err.toString()).contains("name its file with -o");
  }

  @Test
  void anUnknownFormatIsABadCommandLine() throws IOException {
    Path job = Files.writeString(dir.resolve("job.conf"), JOB);

    assertThat(run("graph", "-f", job.toString(), "--format", "jpeg")).isEqualTo(2);

    assertThat(err.toString()).contains("--format", "jpeg", "TEXT, DOT, SVG, PNG");
  }

  @Test
  void withoutGraphvizASvgIsRefusedNamingTheInstallAndTheOtherFormats() throws Exception {
    Path job = Files.writeString(dir.resolve("job.conf"), JOB);
    // a launcher of its own whose PATH holds no dot, as on a machine without Graphviz
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FlumeNg.class.getName(),
        "graph", "-f", job.toString(), "--format", "svg", "-o", dir.resolve("x.svg").toString())
        .redirectErrorStream(true);
    builder.environment().put("PATH", dir.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("needs Graphviz's dot program, which is not on the PATH",
        "apt-get install graphviz", "--format text");
    assertThat(dir.resolve("x.svg")).doesNotExist();
  }

  @Test
  void helpListsTheFormats() {
    assertThat(run("graph", "--help")).isZero();

    assertThat(out.toString())
        .contains("--format=FORMAT", "text (an outline, the default), dot", "-o, --output=FILE");
  }
}
