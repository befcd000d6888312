package io.flumelab.labs.sinkgroup;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
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

/**
 * Hidden (instructor-only) tests of lab 05: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests stop flume-3; this one stops flume-2, the other sink of the
 * group, and then spreads 200 lines over both.
 */
@LabTest
@LabCluster
@DisplayName("Lab 05 (hidden): a sink group balancing two agents")
class SinkGroupHiddenIT {

  private static final Duration ARRIVES = Duration.ofSeconds(30);

  private final Path flume1 = Lab.file("jobs/group2/flume-netcat-avro.conf");
  private final Path flume2 = Lab.file("jobs/group2/flume-avro-console1.conf");
  private final Path flume3 = Lab.file("jobs/group2/flume-avro-console2.conf");

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("with flume-2 down every line arrives at flume-3; flume-2 back, 200 lines are shared by both, each printed once")
  void theOtherSinkDownThenBothAcrossMoreLines(LabAgents agents) {
    AgentProcess a3 = agents.start("a3", flume3, on("hadoop102")).awaitListening("hadoop102", 4142);
    AgentProcess a2 = agents.start("a2", flume2, on("hadoop102")).awaitListening("hadoop102", 4141);
    agents.start("a1", flume1, on("hadoop102")).awaitListening("localhost", 44444);
    List<AgentProcess> receivers = List.of(a2, a3);
    assertThat(a2.stop()).as("flume-2 stopped").isZero();

    List<String> alone = IntStream.range(0, 30).mapToObj(i -> "solo-" + i).toList();
    send(alone);
    awaitEachOnce(List.of(a3), alone);

    a2.restart().awaitListening("hadoop102", 4141);
    // flume-1 leaves the failed sink out for a while (backoff, at most 10 s): keep sending
    awaitEachOnce(receivers, sendUntilEachPrints(List.of(a2), "back-"));

    List<String> lines = IntStream.range(0, 200).mapToObj(i -> "shared-" + i).toList();
    send(lines);
    awaitEachOnce(receivers, lines);
    for (AgentProcess receiver : receivers) {
      assertThat(lines.stream().filter(line -> printed(receiver, line) > 0).count())
          .as("of the 200 lines, those %s printed (the group uses both sinks)", receiver.name())
          .isPositive();
    }
  }

  private static List<String> sendUntilEachPrints(List<AgentProcess> receivers, String prefix) {
    List<String> sent = new ArrayList<>();
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(100)).until(() -> {
        String line = prefix + sent.size();
        send(List.of(line));
        sent.add(line);
        return receivers.stream().allMatch(receiver ->
            sent.stream().anyMatch(l -> printed(receiver, l) > 0));
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Within " + ARRIVES.toSeconds() + " s (" + sent.size() + " lines) "
          + "flume-2 printed none of the lines sent after its restart: does the group take a "
          + "failed sink back after at most 10 s?", e);
    }
    return sent;
  }

  /** One line at a time, each acknowledged, so the group chooses a sink for each small batch. */
  private static void send(List<String> lines) {
    try (LineClient nc = LineClient.connect("localhost", 44444)) {
      for (String line : lines) {
        nc.send(line);
        assertThat(nc.readLine(Duration.ofSeconds(10))).as("the reply to '%s'", line)
            .isEqualTo("OK");
      }
    }
  }

  private static void awaitEachOnce(List<AgentProcess> receivers, List<String> lines) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(200)).until(() ->
          lines.stream().allMatch(line -> total(receivers, line) >= 1));
    } catch (ConditionTimeoutException e) {
      List<String> missing = lines.stream().filter(line -> total(receivers, line) == 0).toList();
      throw new AssertionError(missing.size() + " of " + lines.size() + " lines were printed by "
          + "no receiver within " + ARRIVES.toSeconds() + " s, e.g. " + missing.get(0), e);
    }
    for (String line : lines) {
      assertThat(total(receivers, line)).as("times '%s' was printed", line).isEqualTo(1);
    }
  }

  private static long total(List<AgentProcess> receivers, String line) {
    return receivers.stream().mapToLong(receiver -> printed(receiver, line)).sum();
  }

  private static long printed(AgentProcess receiver, String line) {
    String event = LoggerSinkOutput.eventLine(line);
    return receiver.output().stream().filter(out -> out.contains(event)).count();
  }
}
