package io.flumelab.labs.exechdfs;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LogFile;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 02: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests show that files do not roll by count and are closed when the
 * agent stops; none waits for the roll by time that the task asks for (60 s): a sink left at
 * Flume's default (30 s) or never rolling by time passes them.
 */
@LabTest
@LabCluster(hdfs = true)
@DisplayName("Lab 02 (hidden): exec (tail -F) -> memory -> HDFS")
class ExecHdfsHiddenIT {

  private static final org.apache.hadoop.fs.Path FLUME = new org.apache.hadoop.fs.Path("/flume");
  private static final Duration ARRIVES = Duration.ofSeconds(30);
  /** Younger than the task's 60 s, older than Flume's default rollInterval of 30 s. */
  private static final Duration STILL_OPEN = Duration.ofSeconds(45);
  /** The task's 60 s, and time for the rename. */
  private static final Duration CLOSED = Duration.ofSeconds(85);

  private final Path job = Lab.file("jobs/flume-exec-hdfs.conf");

  @TempDir
  Path dir;

  @BeforeEach
  @AfterEach
  void clean(FileSystem hdfs) throws IOException {
    hdfs.delete(FLUME, true);
  }

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("a file rolls by time after 60 s while the agent runs: still open at 45 s, closed by 85 s, the next line in a new file")
  void filesRollEverySixtySeconds(LabAgents agents, FileSystem hdfs) {
    LogFile hiveLog = LogFile.create(dir.resolve("hive.log"));
    agents.start("a1", job, on("hadoop102"), "-DHIVE_LOG=" + hiveLog);
    hiveLog.append("opens the file");
    await(hdfs, "the first line in HDFS", ARRIVES, lines -> lines.equals(List.of("opens the file")),
        "Is the sink's path right, and does its batch fit the channel?");
    long opened = System.nanoTime();

    try {
      Awaitility.await().during(STILL_OPEN).atMost(STILL_OPEN.plusSeconds(5))
          .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> names(hdfs).size() == 1 && names(hdfs).get(0).endsWith(".tmp"));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("The sink's file did not stay open for " + STILL_OPEN.toSeconds()
          + " s after its first line: " + names(hdfs) + ". The task rolls files every 60 s "
          + "(hdfs.rollInterval; Flume's default is 30)", e);
    }

    Duration left = CLOSED.minusNanos(System.nanoTime() - opened);
    try {
      Awaitility.await().atMost(left).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> files(hdfs).stream().noneMatch(file -> file.getPath().getName()
              .endsWith(".tmp")));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("The sink's file was still open " + CLOSED.toSeconds() + " s after "
          + "its first line: " + names(hdfs) + ". The task rolls files every 60 s "
          + "(hdfs.rollInterval)", e);
    }

    hiveLog.append("after the roll");
    List<LocatedFileStatus> files = await(hdfs, "the line written after the roll", ARRIVES,
        lines -> lines.equals(List.of("opens the file", "after the roll")), "");
    assertThat(files).as("the sink's files after the roll: the closed one and a new one").hasSize(2);
  }

  private static List<LocatedFileStatus> await(FileSystem hdfs, String what, Duration atMost,
      Predicate<List<String>> holds, String hint) {
    try {
      Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> holds.test(HdfsFiles.lines(hdfs, files(hdfs))));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("HDFS did not hold " + what + " within " + atMost.toSeconds()
          + " s; the files under /flume hold " + HdfsFiles.lines(hdfs, files(hdfs)) + ". " + hint, e);
    }
    return files(hdfs);
  }

  private static List<String> names(FileSystem hdfs) {
    return files(hdfs).stream().map(file -> file.getPath().getName()).toList();
  }

  private static List<LocatedFileStatus> files(FileSystem hdfs) {
    return HdfsFiles.under(hdfs, "/flume");
  }
}
