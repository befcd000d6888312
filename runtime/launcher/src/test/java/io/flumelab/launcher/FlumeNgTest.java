package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.flumelab.core.config.ComponentRegistry;
import io.flumelab.core.spi.ComponentKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FlumeNgTest {

  private static final String NETCAT_LOGGER = """
      a1.sources = r1
      a1.channels = c1
      a1.sinks = k1
      a1.sources.r1.type = netcat
      a1.sources.r1.bind = localhost
      a1.sources.r1.port = 44444
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
  void checkOfAGoodFilePrintsOkAndTheSummary() throws IOException {
    // check binds the port for a moment: one nothing else uses
    Path file = Files.writeString(dir.resolve("good.conf"),
        NETCAT_LOGGER.replace("44444", String.valueOf(freePort())));

    assertThat(run("check", "--conf-file", file.toString(), "--name", "a1")).isZero();

    assertThat(out.toString().strip())
        .isEqualTo("OK agent a1: 1 source (r1 netcat), 1 channel (c1 memory), 1 sink (k1 logger)");
  }

  @Test
  void checkWithoutANameChecksEveryAgentOfTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("two.conf"),
        NETCAT_LOGGER.replace("44444", String.valueOf(freePort()))
            + NETCAT_LOGGER.replace("a1.", "a2.").replace("44444", String.valueOf(freePort())));

    assertThat(run("check", "-f", file.toString())).isZero();

    assertThat(out.toString()).contains("OK agent a1:", "OK agent a2:");
  }

  @Test
  void checkOfABadFileListsEveryProblemAndExitsOne() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.conf"), NETCAT_LOGGER
        .replace("type = logger", "type = loger")
        .replace("a1.sources.r1.port = 44444", "a1.sources.r1.prot = 44444"));

    assertThat(run("check", "-f", file.toString(), "-n", "a1")).isEqualTo(1);

    assertThat(out.toString().lines()).containsExactly(
        file + ":4: a1.sources.r1.port: missing required key 'port' for source type 'netcat'."
            + " Add 'a1.sources.r1.port = 44444'.",
        file + ":6: a1.sources.r1.prot: unknown key 'prot' for source type 'netcat'. Did you mean 'port'?",
        file + ":9: a1.sinks.k1.type: unknown sink type 'loger'. Did you mean 'logger'?"
            + " Known sink types: " + String.join(", ", ComponentRegistry.load(getClass().getClassLoader())
                .aliases(ComponentKind.SINK)) + ".",
        "3 problems in " + file + " for agent a1; it would not start.");
  }

  @Test
  void checkWarnsOfACommentAfterAValueAndStillPasses() throws IOException {
    int port = freePort();
    Path file = Files.writeString(dir.resolve("comment.conf"), NETCAT_LOGGER
        .replace("a1.sources.r1.port = 44444", "a1.sources.r1.port = " + port)
        + "a1.sources.r1.selector.type = multiplexing\n"
        + "a1.sources.r1.selector.header = validation # set by the interceptor\n"
        + "a1.sources.r1.selector.default = c1\n");

    // the selector reads a header called "validation # set by the interceptor": it runs, wrongly
    assertThat(run("check", "-f", file.toString(), "-n", "a1")).isZero();

    assertThat(out.toString().lines()).first().isEqualTo(file + ":12: warning: "
        + "a1.sources.r1.selector.header: the value is read as 'validation # set by the "
        + "interceptor' in full, '# set by the interceptor' included: a properties file has no "
        + "comments after a value, only on lines of their own. Put the comment on a line of its "
        + "own starting with #, and write 'a1.sources.r1.selector.header = validation'. If the # "
        + "belongs to the value, ignore this warning.");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void checkOfADirectorySaysItIsADirectory() {
    assertThat(run("check", "-f", dir.toString())).isEqualTo(1);

    assertThat(out.toString().strip()).isEqualTo(dir + ": is a directory, not a configuration"
        + " file. Give the file itself with -f, e.g. " + dir.resolve("flume.conf") + ".");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void checkOfDevNullSaysItIsNoRegularFile() {
    assertThat(run("check", "-f", "/dev/null")).isEqualTo(1);

    assertThat(out.toString().strip()).isEqualTo("/dev/null: is not a regular file (a device,"
        + " pipe or socket). Write the configuration to a file and give that with -f.");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aFifoIsRefusedByCheckAndAgentInsteadOfBlocking() throws Exception {
    Path fifo = dir.resolve("conf.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      assertThat(run("check", "-f", fifo.toString())).isEqualTo(1);
      assertThat(run("agent", "-n", "a1", "-f", fifo.toString())).isEqualTo(1);
    });
    assertThat(out.toString().strip()).isEqualTo(fifo + ": is not a regular file (a device, pipe"
        + " or socket). Write the configuration to a file and give that with -f.");
  }

  @Test
  void checkRefusesAnAvroSinkSendingToItsOwnAvroSource() throws IOException {
    Path file = Files.writeString(dir.resolve("loop.conf"), """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = avro
        a1.sources.r1.bind = 0.0.0.0
        a1.sources.r1.port = PORT
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = avro
        a1.sinks.k1.hostname = localhost
        a1.sinks.k1.port = PORT
        a1.sinks.k1.channel = c1
        """.replace("PORT", String.valueOf(freePort())));

    assertThat(run("check", "-f", file.toString())).isEqualTo(1);

    assertThat(out.toString()).contains(file + ":10: a1.sinks.k1.hostname: sink 'k1' sends to"
        + " localhost:");
  }

  @Test
  void checkOfAMissingFileSaysSo() {
    assertThat(run("check", "-f", dir.resolve("nope.conf").toString())).isEqualTo(1);

    assertThat(out.toString()).contains("nope.conf: no such file. Check the path given with -f"
        + " (--conf-file).");
  }

  @Test
  void agentWithoutANameIsAUsageError() {
    assertThat(run("agent", "-f", "x.conf")).isEqualTo(2);

    assertThat(err.toString()).contains("Missing required option: '--name=NAME'");
  }

  @Test
  void rootLoggerPropertyChoosesLevelAndAppender() {
    String previous = System.getProperty(LoggingSetup.ROOT_LOGGER);
    try {
      System.setProperty(LoggingSetup.ROOT_LOGGER, "debug,LOGFILE");
      LoggingSetup.apply();
      assertThat(System.getProperty("flumelab.log.level")).isEqualTo("DEBUG");
      assertThat(System.getProperty("flumelab.log.appender")).isEqualTo("LogFile");

      System.setProperty(LoggingSetup.ROOT_LOGGER, "WARN,console");
      LoggingSetup.apply();
      assertThat(System.getProperty("flumelab.log.level")).isEqualTo("WARN");
      assertThat(System.getProperty("flumelab.log.appender")).isEqualTo("Console");
    } finally {
      System.clearProperty("flumelab.log.level");
      System.clearProperty("flumelab.log.appender");
      if (previous != null) {
        System.setProperty(LoggingSetup.ROOT_LOGGER, previous);
      } else {
        System.clearProperty(LoggingSetup.ROOT_LOGGER);
      }
    }
  }
}
