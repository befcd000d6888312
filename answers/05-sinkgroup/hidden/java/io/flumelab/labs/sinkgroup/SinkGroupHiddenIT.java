package io.flumelab.labs.sinkgroup;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
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
    SinkGroupIT.send(alone);
    SinkGroupIT.awaitEachOnce(List.of(a3), alone);

    a2.restart().awaitListening("hadoop102", 4141);
    // flume-1 leaves the failed sink out for a while (backoff, at most 10 s): keep sending
    SinkGroupIT.awaitEachOnce(receivers, SinkGroupIT.sendUntilEachPrints(List.of(a2), "back-",
        "flume-2 printed none of the lines sent after its restart: does the group take a failed "
        + "sink back after at most 10 s?"));

    List<String> lines = IntStream.range(0, 200).mapToObj(i -> "shared-" + i).toList();
    SinkGroupIT.send(lines);
    SinkGroupIT.awaitEachOnce(receivers, lines);
    for (AgentProcess receiver : receivers) {
      assertThat(lines.stream().filter(line -> SinkGroupIT.printed(receiver, line) > 0).count())
          .as("of the 200 lines, those %s printed (the group uses both sinks)", receiver.name())
          .isPositive();
    }
  }
}
