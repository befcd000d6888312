package io.flumelab.labs.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.Agents;
import io.flumelab.harness.FlumeNgCli;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LocalFiles;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part 2: a source's or sink's batch larger than its channel's transactionCapacity, the notes'
 * tuning advice ("transactionCapacity must be larger than the source's and the sink's batchSize").
 */
@LabTest
@DisplayName("Lab 16, part 2: a batch larger than a channel transaction")
class BatchIT {

  private static final int EVENTS = 1000;
  /**
   * A problem of check's report, {@code file:line: key: message}; a warning has {@code warning:}
   * where the key is.
   */
  private static final Pattern PROBLEM = Pattern.compile("^.*:(\\d+): (a1\\.[^\\s:]+): ");

  private final Path job = Lab.file("jobs/batch.conf");

  @TempDir
  Path dir;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("batch.* in questions.properties: what flume-ng check and flume-ng agent say of given/batch-too-big.conf")
  void answersMatchCheckAndAgent() throws IOException {
    Questions answers = Questions.read().requireAnswered("batch.check.status", "batch.check.keys",
        "batch.check.lines", "batch.agent.status");
    Path given = Lab.given("batch-too-big.conf");
    Files.createDirectories(dir.resolve("batch"));

    FlumeNgCli.Result check = FlumeNgCli.run("check", "-f", given.toString(), "-n", "a1",
        "-DDURABILITY_DIR=" + dir);
    TreeSet<String> keys = new TreeSet<>();
    TreeSet<Integer> lines = new TreeSet<>();
    check.output().lines().map(PROBLEM::matcher).filter(Matcher::find).forEach(problem -> {
      lines.add(Integer.parseInt(problem.group(1)));
      keys.add(problem.group(2));
    });
    assertThat(keys).as("the keys of the problems flume-ng check reports:%n%s", check.output())
        .isNotEmpty();
    FlumeNgCli.Result agent = FlumeNgCli.run("agent", "-n", "a1", "-f", given.toString(),
        "-DDURABILITY_DIR=" + dir, "-Dflume.root.logger=INFO,console");
    System.out.printf("lab 16, part 2: check exits %d naming %s at lines %s; the agent exits %d%n",
        check.exitCode(), keys, lines, agent.exitCode());

    answers.expectNumber("batch.check.status", check.exitCode());
    answers.expectSet("batch.check.keys", keys);
    answers.expectSet("batch.check.lines", lines.stream().map(String::valueOf).toList());
    answers.expectNumber("batch.agent.status", agent.exitCode());
    answers.assertMatch("flume-ng check and flume-ng agent said of given/batch-too-big.conf");
  }

  @Test
  @Tag("job")
  @Order(2)
  @Points(5)
  @DisplayName("batch.conf passes flume-ng check with the batches kept: seq batchSize 200, file_roll sink.batchSize 500")
  void fixedJobIsValid() throws IOException {
    sinkDirectory();
    Job agent = JobCheck.assertClean(job, "a1", List.of("DURABILITY_DIR=" + dir));

    Job.Component sink = agent.assertFlow("seq", "memory", "file_roll");
    Job.Component source = agent.onlySource("seq");
    assertThat(source.number("batchSize", 1)).as("the batch of %s (batchSize): the task keeps "
        + "the source's 200", source).isEqualTo(200);
    assertThat(sink.number("sink.batchSize", 100)).as("the batch of %s (sink.batchSize): the task "
        + "keeps the sink's 500", sink).isEqualTo(500);
    assertThat(source.number("totalEvents", Long.MAX_VALUE)).as("the events %s sends "
        + "(totalEvents)", source).isEqualTo(EVENTS);
  }

  @Test
  @Order(3)
  @Points(10)
  @DisplayName("batch.conf runs: the 1000 events of the seq source arrive in the file_roll sink's files, each once")
  void fixedJobRuns(Agents agents) throws IOException {
    Path out = sinkDirectory();

    agents.start("a1", job, "-DDURABILITY_DIR=" + dir);

    List<String> expected = IntStream.range(0, EVENTS).mapToObj(String::valueOf).toList();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> LocalFiles.lines(out).size() >= EVENTS);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(out + " holds " + LocalFiles.lines(out).size() + " of the "
          + EVENTS + " events", e);
    }
    assertThat(LocalFiles.lines(out)).as("the lines in %s: the numbers 0 to 999, each once", out)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * The directory the job's file_roll sink writes to, which must be in DURABILITY_DIR, created as
   * a student creates it before starting the agent (the sink requires it).
   */
  private Path sinkDirectory() throws IOException {
    Job.Component sink = Job.read(job, "a1", Map.of("DURABILITY_DIR", dir.toString()))
        .assertFlow("seq", "file_roll");
    Path out = Path.of(String.valueOf(sink.setting("sink.directory"))).toAbsolutePath().normalize();
    assertThat(out.startsWith(dir.toAbsolutePath().normalize())).as("the directory %s writes to "
        + "(sink.directory) is %s, inside DURABILITY_DIR = %s", sink, out, dir).isTrue();
    return Files.createDirectories(out);
  }
}
