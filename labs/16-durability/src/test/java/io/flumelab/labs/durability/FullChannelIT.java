package io.flumelab.labs.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.Agents;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part 3: a sink slower than its source. The downstream agent stops, so a1's avro sink delivers
 * nothing; a1's channel fills, its netcat source answers FAILED, and the client offers the refused
 * line again until the downstream is back and the sink has made room.
 */
@LabTest
@DisplayName("Lab 16, part 3: a full channel")
class FullChannelIT {

  static final String HOST = "localhost";
  static final int PORT = 44463;
  private static final int CAPACITY = 20;
  private static final int LINES = 60;

  private final Path job = Lab.file("jobs/full-channel.conf");

  @TempDir
  Path dir;

  @Test
  @Tag("job")
  @Order(1)
  @Points(5)
  @DisplayName("full-channel.conf passes flume-ng check: netcat on localhost:44463 -> memory of capacity 20, keep-alive 1 s -> avro to localhost:44462")
  void jobIsValid() {
    Job agent = JobCheck.assertClean(job, "a1", List.of());

    Job.Component sink = agent.assertFlow("netcat", "memory", "avro");
    Job.Address listens = agent.onlySource("netcat").address("bind", "port");
    assertThat(listens.accepts(HOST, PORT))
        .as("the netcat source listens on %s (bind, port); the test connects to %s:%d", listens,
            HOST, PORT).isTrue();
    Job.Address sends = sink.address("hostname", "port");
    assertThat(sends.is(Downstream.HOST, Downstream.PORT))
        .as("%s sends to %s (hostname, port); the downstream agent d1 listens on %s:%d", sink,
            sends, Downstream.HOST, Downstream.PORT).isTrue();
    Job.Component channel = agent.channelOf(sink).orElseThrow();
    assertThat(channel.number("capacity", 100)).as("the capacity of %s", channel)
        .isEqualTo(CAPACITY);
    assertThat(channel.number("keep-alive", 3)).as("the keep-alive of %s: the seconds a put "
        + "waits for room before the channel counts as full (Flume's default: 3)", channel)
        .isEqualTo(1);
  }

  @Test
  @Order(2)
  @Points(15)
  @DisplayName("with the downstream stopped the channel fills and netcat refuses lines; once it is back every acknowledged line arrives: full.* is what the run did")
  void aFullChannelRefusesAndLosesNothing(Agents agents) {
    Questions answers = Questions.read().requireAnswered("full.reply", "full.acknowledged",
        "full.lost");
    Downstream d1 = Downstream.start(agents, dir);
    agents.start("a1", job).awaitListening(HOST, PORT);

    int acknowledgedWhileDown;
    String refusal;
    int refused;
    SortedSet<Integer> acknowledged;
    List<Integer> received;
    try (NumberedLines lines = new NumberedLines(HOST, PORT)) {
      lines.sendAcknowledged(1, 10, "with the downstream up");
      d1.awaitReceived(IntStream.rangeClosed(1, 10).boxed().toList(), "with the downstream up");
      d1.stop();
      // a1's channel is empty; its sink delivers nothing now: each line stays in the channel
      int n = 11;
      String answer;
      while ("OK".equals(answer = lines.send(n)) && n < LINES) {
        n++;
      }
      acknowledgedWhileDown = n - 11;
      refusal = answer;
      refused = n;
      assertThat(refusal).as("the answer to line %d, after %d lines were acknowledged with the "
          + "downstream stopped: the channel should be full", n, acknowledgedWhileDown)
          .isNotEqualTo("OK");
      // the client backs off and offers the refused line again: refused while nothing drains
      String again = lines.send(refused);
      assertThat(again).as("the answer to line %d offered again, the downstream still stopped",
          refused).isNotEqualTo("OK");

      d1.restart();
      lines.sendUntilAcknowledged(refused, Downstream.ARRIVES);
      for (int next = refused + 1; next <= LINES; next++) {
        lines.sendUntilAcknowledged(next, Downstream.ARRIVES);
      }
      // a channel is a queue: once the last line arrived, every line before it did
      d1.awaitReceived(List.of(LINES), "last");
      acknowledged = lines.acknowledged();
      received = d1.received();
    }
    SortedSet<Integer> lost = new TreeSet<>(acknowledged);
    received.forEach(lost::remove);
    String reply = refusal == null ? "no answer" : refusal.split("[:\\s]", 2)[0];
    System.out.printf("lab 16, part 3: %d lines acknowledged with the downstream stopped, then "
        + "line %d answered %s; %d acknowledged in all, %d lost (%s)%n", acknowledgedWhileDown,
        refused, refusal, acknowledged.size(), lost.size(), NumberedLines.ranges(lost));

    answers.expect("full.reply", reply);
    answers.expectNumber("full.acknowledged", acknowledgedWhileDown);
    answers.expectNumber("full.lost", lost.size());
    answers.assertMatch("the agent with a full channel did");
  }
}
