package io.flumelab.labs.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part 1: an agent killed with SIGKILL while its channel holds lines it acknowledged, with a memory
 * channel and with a file channel. The run is the same for both, and the README tells it: lines 1
 * to 100 with the downstream up, lines 101 to 150 with it stopped (they wait in the channel), kill
 * -9, start both again, lines 151 to 200.
 */
@LabTest
@DisplayName("Lab 16, part 1: an agent killed with SIGKILL")
class KillIT {

  static final String HOST = "localhost";
  static final int PORT = 44461;

  private final Path memoryJob = Lab.file("jobs/kill-memory.conf");
  private final Path fileJob = Lab.file("jobs/kill-file.conf");

  @TempDir
  Path dir;

  @Test
  @Tag("job")
  @Order(1)
  @Points(5)
  @DisplayName("kill-memory.conf passes flume-ng check: netcat on localhost:44461 -> memory -> avro to localhost:44462")
  void memoryJobIsValid() {
    assertHop(JobCheck.assertClean(memoryJob, "a1", List.of()), "memory");
  }

  @Test
  @Order(2)
  @Points(15)
  @DisplayName("killed with SIGKILL while its memory channel holds acknowledged lines: kill.memory.lost is what the run lost")
  void memoryChannelLosesWhatItHeld(Agents agents) {
    Questions answers = Questions.read().requireAnswered("kill.memory.lost");
    assertHop(Job.read(memoryJob, "a1"), "memory");

    Run run = killWhileHolding(agents, memoryJob);

    answers.expectNumber("kill.memory.lost", run.lost().size());
    answers.assertMatch("the agent with a memory channel lost when it was killed: " + run);
  }

  @Test
  @Tag("job")
  @Order(3)
  @Points(5)
  @DisplayName("kill-file.conf passes flume-ng check: the same agent with a file channel whose checkpointDir and dataDirs are in ${DURABILITY_DIR}")
  void fileJobIsValid() {
    Job agent = JobCheck.assertClean(fileJob, "a1", List.of("DURABILITY_DIR=" + dir));
    assertHop(agent, "file");
  }

  @Test
  @Order(4)
  @Points(15)
  @DisplayName("killed with SIGKILL while its file channel holds acknowledged lines: kill.file.lost is what the run lost")
  void fileChannelKeepsWhatItHeld(Agents agents) {
    Questions answers = Questions.read().requireAnswered("kill.file.lost");
    assertHop(Job.read(fileJob, "a1", Map.of("DURABILITY_DIR", dir.toString())), "file");

    Run run = killWhileHolding(agents, fileJob);

    answers.expectNumber("kill.file.lost", run.lost().size());
    answers.assertMatch("the agent with a file channel lost when it was killed: " + run);
  }

  /**
   * The task's agent: netcat on localhost:44461, a channel of this type able to hold the 50 lines
   * the run keeps in it, an avro sink to the downstream agent; a file channel keeps its files in
   * the directory the test gives as DURABILITY_DIR.
   */
  private void assertHop(Job agent, String channelType) {
    Job.Component sink = agent.assertFlow("netcat", channelType, "avro");
    Job.Address listens = agent.onlySource("netcat").address("bind", "port");
    assertThat(listens.accepts(HOST, PORT))
        .as("the netcat source listens on %s (bind, port); the test connects to %s:%d", listens,
            HOST, PORT).isTrue();
    Job.Address sends = sink.address("hostname", "port");
    assertThat(sends.is(Downstream.HOST, Downstream.PORT))
        .as("%s sends to %s (hostname, port); the downstream agent d1 listens on %s:%d", sink,
            sends, Downstream.HOST, Downstream.PORT).isTrue();
    Job.Component channel = agent.channelOf(sink).orElseThrow();
    if (channelType.equals("memory")) {
      assertThat(channel.number("capacity", 100)).as("the capacity of %s: the run keeps 50 lines "
          + "in it", channel).isGreaterThanOrEqualTo(50);
    } else {
      List<String> dirs = new ArrayList<>(List.of(String.valueOf(channel.setting("checkpointDir"))));
      dirs.addAll(List.of(String.valueOf(channel.setting("dataDirs")).split("\\s*,\\s*")));
      Path root = dir.toAbsolutePath().normalize();
      assertThat(dirs).as("the checkpointDir and dataDirs of %s, with DURABILITY_DIR = %s: the "
          + "test gives each run a directory of its own, so a run cannot replay another's lines",
          channel, dir).allMatch(path -> Path.of(path).toAbsolutePath().normalize()
          .startsWith(root));
    }
  }

  /** What the run saw: the lines a1 acknowledged and the lines the downstream received. */
  record Run(SortedSet<Integer> acknowledged, List<Integer> received) {

    SortedSet<Integer> lost() {
      SortedSet<Integer> lost = new TreeSet<>(acknowledged);
      received.forEach(lost::remove);
      return lost;
    }

    long duplicated() {
      return received.size() - new TreeSet<>(received).size();
    }

    @Override
    public String toString() {
      return acknowledged.size() + " lines acknowledged (" + NumberedLines.ranges(acknowledged)
          + "), " + lost().size() + " of them never arrived (" + NumberedLines.ranges(lost())
          + "), " + duplicated() + " arrived twice";
    }
  }

  private Run killWhileHolding(Agents agents, Path job) {
    Downstream d1 = Downstream.start(agents, dir);
    AgentProcess a1 = agents.start("a1", job, "-DDURABILITY_DIR=" + dir)
        .awaitListening(HOST, PORT);
    try (NumberedLines lines = new NumberedLines(HOST, PORT)) {
      lines.sendAcknowledged(1, 100, "with the downstream up");
      d1.awaitReceived(numbers(1, 100), "with the downstream up");
      d1.stop();
      // a1's sink cannot deliver them: they stay in a1's channel, acknowledged
      lines.sendAcknowledged(101, 150, "with the downstream stopped");
      int killStatus = a1.kill();
      a1.restart().awaitListening(HOST, PORT);
      d1.restart();
      lines.reconnect();
      lines.sendAcknowledged(151, 200, "after the restart");
      // a channel is a queue: once the last lines arrived, whatever it kept arrived before them
      d1.awaitReceived(numbers(151, 200), "after the restart");
      Run run = new Run(lines.acknowledged(), d1.received());
      System.out.printf("lab 16, part 1, %s: killed (exit status %d): %s%n", job.getFileName(),
          killStatus, run);
      return run;
    }
  }

  private static List<Integer> numbers(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().toList();
  }
}
