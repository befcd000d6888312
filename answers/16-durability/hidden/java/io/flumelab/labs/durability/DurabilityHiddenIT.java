package io.flumelab.labs.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 16: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public run kills the agent with a file channel once; this one kills it a
 * second time after it restarted from its files, with more acknowledged lines in the channel and
 * the downstream still down, so the second start replays the first start's replay and the new
 * lines together.
 */
@LabTest
@DisplayName("Lab 16 (hidden): durability")
class DurabilityHiddenIT {

  private final Path fileJob = Lab.file("jobs/kill-file.conf");

  @TempDir
  Path dir;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("kill-file.conf killed with SIGKILL twice, restarted in between with the downstream down: every acknowledged line arrives")
  void aFileChannelSurvivesASecondKill(Agents agents) {
    Downstream d1 = Downstream.start(agents, dir);
    AgentProcess a1 = agents.start("a1", fileJob, "-DDURABILITY_DIR=" + dir)
        .awaitListening(KillIT.HOST, KillIT.PORT);
    try (NumberedLines lines = new NumberedLines(KillIT.HOST, KillIT.PORT)) {
      lines.sendAcknowledged(1, 50, "with the downstream up");
      d1.awaitReceived(numbers(1, 50), "with the downstream up");
      d1.stop();

      lines.sendAcknowledged(51, 100, "with the downstream stopped");
      a1.kill();
      a1.restart().awaitListening(KillIT.HOST, KillIT.PORT);
      lines.reconnect();
      lines.sendAcknowledged(101, 150, "after the first restart, the downstream still stopped");
      a1.kill();
      a1.restart().awaitListening(KillIT.HOST, KillIT.PORT);
      d1.restart();
      lines.reconnect();
      lines.sendAcknowledged(151, 170, "after the second restart");

      d1.awaitReceived(numbers(151, 170), "after the second restart");
      KillIT.Run run = new KillIT.Run(lines.acknowledged(), d1.received());
      assertThat(run.lost()).as("the acknowledged lines that never arrived after two kills: %s",
          run).isEmpty();
    }
  }

  private static List<Integer> numbers(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().toList();
  }
}
