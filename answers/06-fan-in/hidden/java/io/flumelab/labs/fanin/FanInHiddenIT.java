package io.flumelab.labs.fanin;

import static io.flumelab.labs.fanin.Group3.ARRIVES;
import static io.flumelab.labs.fanin.Group3.printed;
import static io.flumelab.labs.fanin.Group3.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
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

  @TempDir
  Path dir;

  private Group3 group3;

  @BeforeEach
  void log() {
    group3 = new Group3(dir);
  }

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("both senders at once, flume-2 with two nc clients: flume-3 prints every line of each exactly once")
  void everyLineOfEverySenderOnce(LabAgents agents) {
    AgentProcess a3 = group3.startCollector(agents);
    group3.startLogSender(agents);
    group3.startSocketSender(agents);
    // tail -F starts with the file's last lines: whether it runs yet or not, this one arrives
    group3.groupLog.append("log-start");
    awaitEachOnce(a3, List.of("log-start"));

    List<String> all = new ArrayList<>();
    try (LineClient first = LineClient.connect("hadoop102", 44444);
        LineClient second = LineClient.connect("hadoop102", 44444)) {
      for (int i = 0; i < 40; i++) {
        group3.groupLog.append("log-" + i);
        send(first, "nc1-" + i);
        send(second, "nc2-" + i);
        all.addAll(List.of("log-" + i, "nc1-" + i, "nc2-" + i));
      }
    }

    awaitEachOnce(a3, all);
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
}
