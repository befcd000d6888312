package io.flumelab.labs.fanin;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.LogFile;
import io.flumelab.harness.LoggerSinkOutput;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 06: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests run one sender at a time with one line; here flume-1 and
 * flume-2 send at once, flume-2 from two nc clients, and flume-3 must print every line once.
 */
@LabTest
@LabCluster
@DisplayName("Lab 06 (hidden): fan-in, two agents feeding a third")
class FanInHiddenIT {

  private static final Duration ARRIVES = Duration.ofSeconds(30);

  private final Path flume1 = Lab.file("jobs/group3/flume1-logger-flume.conf");
  private final Path flume2 = Lab.file("jobs/group3/flume2-netcat-flume.conf");
  private final Path flume3 = Lab.file("jobs/group3/flume3-flume-logger.conf");

  @TempDir
  Path dir;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("both senders at once, flume-2 with two nc clients: flume-3 prints every line of each exactly once")
  void everyLineOfEverySenderOnce(LabAgents agents) {
    LogFile groupLog = LogFile.create(dir.resolve("group.log"));
    AgentProcess a3 = agents.start("a3", flume3, on("hadoop105"))
        .awaitListening("hadoop105", 4141);
    agents.start("a1", flume1, on("hadoop103"), "-DGROUP_LOG=" + groupLog);
    agents.start("a2", flume2, on("hadoop102")).awaitListening("hadoop102", 44444);
    // tail -F starts with the file's last lines: whether it runs yet or not, this one arrives
    groupLog.append("log-start");
    awaitEachOnce(a3, List.of("log-start"));

    List<String> all = new ArrayList<>();
    try (LineClient first = LineClient.connect("hadoop102", 44444);
        LineClient second = LineClient.connect("hadoop102", 44444)) {
      for (int i = 0; i < 40; i++) {
        groupLog.append("log-" + i);
        send(first, "nc1-" + i);
        send(second, "nc2-" + i);
        all.addAll(List.of("log-" + i, "nc1-" + i, "nc2-" + i));
      }
    }

    awaitEachOnce(a3, all);
  }

  private static void send(LineClient client, String line) {
    client.send(line);
    assertThat(client.readLine(Duration.ofSeconds(10))).as("flume-2's reply to '%s'", line)
        .isEqualTo("OK");
  }

  private static void awaitEachOnce(AgentProcess collector, List<String> lines) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(200)).until(() ->
          lines.stream().allMatch(line -> printed(collector, line) >= 1));
    } catch (ConditionTimeoutException e) {
      List<String> missing = lines.stream().filter(line -> printed(collector, line) == 0).toList();
      throw new AssertionError("flume-3 did not print " + missing.size() + " of " + lines.size()
          + " lines within " + ARRIVES.toSeconds() + " s, e.g. " + missing.subList(0,
          Math.min(5, missing.size())) + ". Its output:\n" + collector.outputTail(), e);
    }
    for (String line : lines) {
      assertThat(printed(collector, line)).as("times flume-3 printed '%s'", line).isEqualTo(1);
    }
  }

  private static long printed(AgentProcess collector, String line) {
    String event = LoggerSinkOutput.eventLine(line);
    return collector.output().stream().filter(out -> out.contains(event)).count();
  }
}
