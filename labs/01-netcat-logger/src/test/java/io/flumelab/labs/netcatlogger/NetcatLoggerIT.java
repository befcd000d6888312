package io.flumelab.labs.netcatlogger;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.FlumeNgCli;
import io.flumelab.harness.Job;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.LoggerSinkOutput;
import io.flumelab.harness.Points;
import io.flumelab.harness.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@LabTest
@DisplayName("Lab 01: netcat -> memory -> logger")
class NetcatLoggerIT {

  private static final String HOST = "localhost";
  private static final int PORT = 44444;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Path job = Lab.file("jobs/flume-netcat-logger.conf");

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the configuration passes flume-ng check and has the task's three components")
  void configurationIsValid() {
    FlumeNgCli.Result check = FlumeNgCli.check(job, "a1");

    assertThat(check.exitCode())
        .as("bin/flume-ng check -f %s -n a1 found problems:%n%s", job, check.output())
        .isZero();
    Job agent = Job.read(job, "a1");
    agent.assertFlow("netcat", "memory", "logger");
    Job.Address listens = agent.onlySource("netcat").address("bind", "port");
    assertThat(listens.accepts(HOST, PORT))
        .as("the netcat source listens on %s (bind, port); nc connects to %s:%d", listens, HOST,
            PORT)
        .isTrue();
  }

  @Test
  @Order(2)
  @Points(20)
  @DisplayName("every line sent arrives in the logger's output with its body")
  void linesArriveInLoggerOutput(Agents agents) {
    AgentProcess agent = agents.start("a1", job).awaitListening(HOST, PORT);
    List<String> lines = List.of("hello", "FlumeLab lab 01", "the third line");

    // the connection stays open until the lines are printed: closed with the agent's OKs unread,
    // it is reset, and the kernel drops what the agent has not read yet
    try (LineClient nc = LineClient.connect(HOST, PORT)) {
      lines.forEach(nc::send);
      for (String line : lines) {
        agent.awaitLine(LoggerSinkOutput.eventLine(line), WAIT);
      }
    }
  }

  @Test
  @Order(3)
  @Points(10)
  @DisplayName("every line is acknowledged with OK")
  void everyLineIsAcknowledged(Agents agents) {
    agents.start("a1", job).awaitListening(HOST, PORT);

    try (LineClient nc = LineClient.connect(HOST, PORT)) {
      for (int i = 0; i < 5; i++) {
        nc.send("line " + i);
        assertThat(nc.readLine(WAIT))
            .as("the reply to line %d (a netcat source acknowledges each committed line)", i)
            .isEqualTo("OK");
      }
    }
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("a line longer than 512 bytes is truncated with a warning and the next line still arrives")
  void overlongLineIsTruncated(Agents agents) {
    AgentProcess agent = agents.start("a1", job).awaitListening(HOST, PORT);
    String longLine = "x".repeat(512) + "TAIL-BEYOND-512";

    try (LineClient nc = LineClient.connect(HOST, PORT)) {
      nc.send(longLine).send("after");
    }

    agent.awaitLine(LoggerSinkOutput.eventLine("after"), WAIT);
    agent.awaitLine(line -> line.contains("WARN") && line.contains("max-line-length"),
        "a warning that the line was longer than max-line-length", WAIT);
    assertThat(agent.output())
        .as("exactly one event made of the line's first 512 bytes")
        .filteredOn(line -> line.contains(LoggerSinkOutput.eventPrefix("x".repeat(16))))
        .hasSize(1);
    assertThat(agent.output())
        .as("the rest of the long line is discarded, not turned into an event of its own")
        .noneMatch(line -> line.contains(LoggerSinkOutput.eventPrefix("TAIL")));
  }

  @Test
  @Order(5)
  @Points(10)
  @DisplayName("the agent stops cleanly on SIGTERM and frees its port")
  void stopsCleanly(Agents agents) {
    AgentProcess agent = agents.start("a1", job).awaitListening(HOST, PORT);

    int status = agent.stop();

    assertThat(status).as("exit status after SIGTERM").isZero();
    assertThat(agent.outputText()).contains("Agent a1 stopped");
    assertThat(Ports.isFree(HOST, PORT)).as("port %d is free after the stop", PORT).isTrue();
  }
}
