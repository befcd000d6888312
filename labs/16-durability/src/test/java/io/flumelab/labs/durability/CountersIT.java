package io.flumelab.labs.durability;

import io.flumelab.harness.AgentCounters;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Job;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part 4: the two transactions of a hop, a put (source to channel) and a take (channel to sink),
 * in the channel's counters, read over HTTP as the student reads them with curl.
 */
@LabTest
@DisplayName("Lab 16, part 4: the two transactions in the counters")
class CountersIT {

  static final int MONITORING_PORT = 44464;
  private static final int LINES = 30;
  private static final String[] COUNTERS =
      {"EventPutSuccessCount", "EventTakeSuccessCount", "ChannelSize"};

  private final Path job = Lab.file("jobs/kill-memory.conf");

  @TempDir
  Path dir;

  @Test
  @Order(1)
  @Points(15)
  @DisplayName("kill-memory.conf with HTTP monitoring, 30 lines with the downstream down, then up: counters.* are the channel's counters")
  void answersMatchTheCounters(Agents agents) {
    Questions answers = Questions.read().requireAnswered("counters.down.EventPutSuccessCount",
        "counters.down.EventTakeSuccessCount", "counters.down.ChannelSize",
        "counters.down.rolled.back", "counters.up.EventPutSuccessCount",
        "counters.up.EventTakeSuccessCount", "counters.up.ChannelSize");
    Job agent = Job.read(job, "a1");
    Job.Component sink = agent.assertFlow("netcat", "avro");
    String channel = agent.channelOf(sink).orElseThrow().name();

    agents.start("a1", job, List.of("-Dflume.monitoring.type=http",
        "-Dflume.monitoring.port=" + MONITORING_PORT)).awaitListening(KillIT.HOST, KillIT.PORT);
    AgentCounters down;
    AgentCounters up;
    try (NumberedLines lines = new NumberedLines(KillIT.HOST, KillIT.PORT)) {
      lines.sendAcknowledged(1, LINES, "with the downstream down");
      down = atRest(channel);
      Downstream d1 = Downstream.start(agents, dir);
      d1.awaitReceived(IntStream.rangeClosed(1, LINES).boxed().toList(), "before it started");
      up = atRest(channel);
    }
    System.out.printf("lab 16, part 4: channel %s with the downstream down %s, up %s%n", channel,
        down.components().get("CHANNEL." + channel), up.components().get("CHANNEL." + channel));

    for (String counter : COUNTERS) {
      answers.expectNumber("counters.down." + counter, down.channel(channel, counter));
      answers.expectNumber("counters.up." + counter, up.channel(channel, counter));
    }
    answers.expectYesNo("counters.down.rolled.back",
        down.channel(channel, "EventTakeAttemptCount")
            > down.channel(channel, "EventTakeSuccessCount"));
    answers.assertMatch("the channel's counters said");
  }

  /**
   * A reading taken while no take transaction is open (the sink tries again every few seconds):
   * what a curl between two tries shows.
   */
  private static AgentCounters atRest(String channel) {
    AtomicReference<AgentCounters> last = new AtomicReference<>();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptions().until(() -> {
            AgentCounters counters = AgentCounters.read(MONITORING_PORT);
            last.set(counters);
            return counters.atRest(channel);
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("No reading of http://localhost:" + MONITORING_PORT + "/metrics "
          + "within 30 s showed channel " + channel + " at rest; the last: " + last.get(), e);
    }
    return last.get();
  }
}
