package io.flumelab.labs.netcatlogger;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.LoggerSinkOutput;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Hidden (instructor-only) tests of lab 01: run by -Panswers and bin/flumelab grade, never by a
 * student's build. They judge what the public tests leave open: a burst of many lines, and a
 * second run of the same job.
 */
@LabTest
@DisplayName("Lab 01 (hidden): netcat -> memory -> logger")
class NetcatLoggerHiddenIT {

  private static final String HOST = "localhost";
  private static final int PORT = 44444;
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final Path job = Lab.file("jobs/flume-netcat-logger.conf");

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("a burst of 300 lines arrives whole: every line once, none lost or doubled")
  void aBurstArrivesWhole(Agents agents) {
    AgentProcess agent = agents.start("a1", job).awaitListening(HOST, PORT);
    int lines = 300;

    // open until the last line is printed: a connection closed with the agent's OKs unread is
    // reset, and the kernel drops the lines the agent has not read yet (a flaky loss, not the
    // agent's)
    try (LineClient nc = LineClient.connect(HOST, PORT)) {
      IntStream.range(0, lines).forEach(i -> nc.send(line(i)));
      agent.awaitLine(LoggerSinkOutput.eventLine(line(lines - 1)), WAIT);
    }
    for (int i = 0; i < lines; i++) {
      String event = LoggerSinkOutput.eventLine(line(i));
      assertThat(agent.output())
          .as("events with body '%s' in the logger's output (one per line sent)", line(i))
          .filteredOn(output -> output.contains(event))
          .hasSize(1);
    }
  }

  @Test
  @Order(2)
  @Points(10)
  @DisplayName("the same job started a second time listens again and delivers")
  void aSecondRunDelivers(Agents agents) {
    AgentProcess agent = agents.start("a1", job).awaitListening(HOST, PORT);
    try (LineClient nc = LineClient.connect(HOST, PORT)) {
      nc.send("first run");
    }
    agent.awaitLine(LoggerSinkOutput.eventLine("first run"), WAIT);

    agent.restart().awaitListening(HOST, PORT);
    try (LineClient nc = LineClient.connect(HOST, PORT)) {
      nc.send("second run");
    }

    agent.awaitLine(LoggerSinkOutput.eventLine("second run"), WAIT);
  }

  private static String line(int i) {
    return String.format("burst-%03d", i);
  }
}
