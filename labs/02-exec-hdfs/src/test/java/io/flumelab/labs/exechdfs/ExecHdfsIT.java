package io.flumelab.labs.exechdfs;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LogFile;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@LabTest
@LabCluster(hdfs = true)
@DisplayName("Lab 02: exec (tail -F) -> memory -> HDFS")
class ExecHdfsIT {

  private static final Duration ARRIVES = Duration.ofSeconds(30);
  private static final org.apache.hadoop.fs.Path FLUME = new org.apache.hadoop.fs.Path("/flume");
  /** %D/%H: month/day/year/hour. */
  private static final DateTimeFormatter HOUR_DIR = DateTimeFormatter.ofPattern("MM/dd/yy/HH");

  /** The first line of every run: once it is in HDFS, the agent follows the log. */
  private static final String FOLLOWING = "the agent follows hive.log";

  private final Path job = Lab.file("jobs/flume-exec-hdfs.conf");

  @TempDir
  Path dir;

  private LogFile hiveLog;

  @BeforeEach
  void emptyLog(FileSystem hdfs) throws IOException {
    hiveLog = LogFile.create(dir.resolve("hive.log"));
    hdfs.delete(FLUME, true);
  }

  @AfterEach
  void clean(FileSystem hdfs) throws IOException {
    hdfs.delete(FLUME, true);
  }

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the job passes flume-ng check without warnings: exec -> memory -> hdfs")
  void jobIsValid() {
    Job agent = JobCheck.assertClean(job, "a1", List.of("HIVE_LOG=" + dir.resolve("hive.log")));

    agent.assertFlow("exec", "memory", "hdfs");
  }

  @Test
  @Order(2)
  @Points(20)
  @DisplayName("lines added to the log arrive in HDFS as text, under `/flume/<month/day/year>/<hour>/logs-*`")
  void linesArriveInHourlyDirectories(LabAgents agents, FileSystem hdfs) throws IOException {
    LocalDateTime started = LocalDateTime.now();
    start(agents, hdfs);

    hiveLog.append("first line", "second line");

    List<LocatedFileStatus> files = awaitLines(hdfs, List.of("first line", "second line"));
    List<String> hours = List.of(started.format(HOUR_DIR), LocalDateTime.now().format(HOUR_DIR));
    for (LocatedFileStatus file : files) {
      String relative = file.getPath().toUri().getPath().substring("/flume/".length());
      assertThat(relative).as("a file of the sink, under /flume")
          .matches("\\d{2}/\\d{2}/\\d{2}/\\d{2}/logs-.*");
      assertThat(relative.substring(0, 11)).as("its directory: the hour the agent wrote it, "
          + "as %%D/%%H gives it").isIn(hours);
    }
  }

  @Test
  @Order(3)
  @Points(10)
  @DisplayName("a burst of 500 lines arrives whole and in order")
  void aBurstArrivesWhole(LabAgents agents, FileSystem hdfs) throws IOException {
    start(agents, hdfs);
    List<String> burst = IntStream.range(0, 500).mapToObj(i -> "burst line " + i).toList();

    hiveLog.append(burst.toArray(String[]::new));

    awaitLines(hdfs, burst);
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("files roll by time and size, not by count: 25 lines go to one file")
  void noRollByCount(LabAgents agents, FileSystem hdfs) throws IOException {
    start(agents, hdfs);
    List<String> lines = IntStream.range(0, 25).mapToObj(i -> "line " + i).toList();

    hiveLog.append(lines.toArray(String[]::new));

    assertThat(awaitLines(hdfs, lines)).as("files holding the 25 lines (rollCount 0 keeps one)")
        .hasSize(1);
  }

  @Test
  @Order(5)
  @Points(10)
  @DisplayName("when the agent stops, its file is closed: no .tmp left, every line kept")
  void stopClosesTheFile(LabAgents agents, FileSystem hdfs) throws IOException {
    AgentProcess agent = start(agents, hdfs);
    hiveLog.append("kept 1", "kept 2", "kept 3");
    awaitLines(hdfs, List.of("kept 1", "kept 2", "kept 3"));

    assertThat(agent.stop()).as("exit status on SIGTERM").isZero();

    List<LocatedFileStatus> files = files(hdfs);
    assertThat(files).extracting(file -> file.getPath().getName())
        .as("file names after the agent stopped").noneMatch(name -> name.endsWith(".tmp"));
    assertThat(linesIn(hdfs, files)).containsExactly(FOLLOWING, "kept 1", "kept 2", "kept 3");
  }

  /**
   * Starts the agent and waits until its {@code tail -F} follows the log: tail begins with the
   * last lines already there, so lines written before it runs could be skipped.
   */
  private AgentProcess start(LabAgents agents, FileSystem hdfs) throws IOException {
    AgentProcess agent = agents.start("a1", job, on("hadoop102"), "-DHIVE_LOG=" + hiveLog);
    hiveLog.append(FOLLOWING);
    awaitLines(hdfs, List.of());
    return agent;
  }

  /**
   * Waits until the sink's files hold exactly these lines, in order, after the line that showed
   * the agent was following the log; returns the files.
   */
  private static List<LocatedFileStatus> awaitLines(FileSystem hdfs, List<String> lines) {
    List<String> expected = new ArrayList<>(List.of(FOLLOWING));
    expected.addAll(lines);
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> linesIn(hdfs, files(hdfs)).equals(expected));
    } catch (ConditionTimeoutException e) {
      List<String> seen = linesIn(hdfs, files(hdfs));
      throw new AssertionError("HDFS did not hold the " + expected.size() + " lines written to the "
          + "log within " + ARRIVES.toSeconds() + " s; the files under /flume hold " + seen.size()
          + " lines" + (seen.isEmpty() ? "" : ", starting " + seen.subList(0, Math.min(3, seen.size())))
          + ". Is the sink's path right, and does its batch fit the channel?", e);
    }
    return files(hdfs);
  }

  private static List<LocatedFileStatus> files(FileSystem hdfs) {
    return HdfsFiles.under(hdfs, "/flume");
  }

  private static List<String> linesIn(FileSystem hdfs, List<LocatedFileStatus> files) {
    return HdfsFiles.lines(hdfs, files);
  }
}
