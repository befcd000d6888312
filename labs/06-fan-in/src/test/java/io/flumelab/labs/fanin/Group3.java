package io.flumelab.labs.fanin;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.LogFile;
import io.flumelab.harness.LoggerSinkOutput;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The three jobs of {@code jobs/group3} on their hosts, and the group.log flume-1 follows, in a
 * test's own directory: flume-3 collects on hadoop105:4141, flume-1 tails group.log on hadoop103,
 * flume-2 listens for nc on hadoop102:44444.
 */
final class Group3 {

  static final Duration ARRIVES = Duration.ofSeconds(30);

  final Path flume1 = Lab.file("jobs/group3/flume1-logger-flume.conf");
  final Path flume2 = Lab.file("jobs/group3/flume2-netcat-flume.conf");
  final Path flume3 = Lab.file("jobs/group3/flume3-flume-logger.conf");
  final LogFile groupLog;

  Group3(Path dir) {
    groupLog = LogFile.create(dir.resolve("group.log"));
  }

  /** Starts flume-3 on hadoop105 and waits until it listens. */
  AgentProcess startCollector(LabAgents agents) {
    return agents.start("a3", flume3, on("hadoop105")).awaitListening("hadoop105", 4141);
  }

  AgentProcess startLogSender(LabAgents agents) {
    return agents.start("a1", flume1, on("hadoop103"), "-DGROUP_LOG=" + groupLog);
  }

  /** Starts flume-2 on hadoop102 and waits until nc can connect to it. */
  AgentProcess startSocketSender(LabAgents agents) {
    return agents.start("a2", flume2, on("hadoop102")).awaitListening("hadoop102", 44444);
  }

  /** Sends a line to flume-2 as nc does and asserts that flume-2 took it (OK). */
  static void send(LineClient client, String line) {
    client.send(line);
    assertThat(client.readLine(Duration.ofSeconds(10))).as("flume-2's reply to '%s'", line)
        .isEqualTo("OK");
  }

  static void awaitPrinted(AgentProcess collector, String line) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(200))
          .until(() -> printed(collector, line) >= 1);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("flume-3 did not print '" + line + "' within " + ARRIVES.toSeconds()
          + " s. Its output:\n" + collector.outputTail(), e);
    }
  }

  /** How many times the collector's logger sink printed an event of this body. */
  static long printed(AgentProcess collector, String line) {
    String event = LoggerSinkOutput.eventLine(line);
    return collector.output().stream().filter(out -> out.contains(event)).count();
  }
}
