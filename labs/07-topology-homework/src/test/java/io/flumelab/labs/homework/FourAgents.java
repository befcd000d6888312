package io.flumelab.labs.homework;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LogFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The homework's four jobs and what they read and write in one test: hive.log and any.txt in a
 * fresh directory, flume-2's file_roll directory, and an empty {@value #HDFS_DIR} in HDFS.
 */
final class FourAgents {

  static final Duration ARRIVES = Duration.ofSeconds(40);
  static final String HDFS_DIR = "/flume/homework";
  /** What {@link #startAll} writes first into hive.log and any.txt, and waits for in HDFS. */
  static final List<String> FIRST_LINES = List.of("hive.log is followed", "any.txt is followed");

  final Path flume1 = Lab.file("jobs/homework/flume1.conf");
  final Path flume2 = Lab.file("jobs/homework/flume2.conf");
  final Path flume3 = Lab.file("jobs/homework/flume3.conf");
  final Path flume4 = Lab.file("jobs/homework/flume4.conf");
  final LogFile hiveLog;
  final LogFile anyTxt;
  final Path flume2Dir;

  private FourAgents(Path dir) throws IOException {
    hiveLog = LogFile.create(dir.resolve("hive.log"));
    anyTxt = LogFile.create(dir.resolve("any.txt"));
    flume2Dir = Files.createDirectory(dir.resolve("flume2"));
  }

  /** The files under {@code dir}, and HDFS without what an earlier test wrote. */
  static FourAgents prepare(Path dir, FileSystem hdfs) throws IOException {
    clean(hdfs);
    return new FourAgents(dir);
  }

  static void clean(FileSystem hdfs) throws IOException {
    hdfs.delete(new org.apache.hadoop.fs.Path(HDFS_DIR), true);
  }

  /**
   * Downstream first: flume-3 on hadoop105, flume-2 on hadoop103, flume-1 and flume-4 on
   * hadoop102; then waits until a first line of each file is in HDFS. {@code tail -F} starts with
   * a file's last 10 lines, so a burst written before it runs would be cut. Returns flume-3.
   */
  AgentProcess startAll(LabAgents agents, FileSystem hdfs) {
    AgentProcess a3 = agents.start("a3", flume3, on("hadoop105"))
        .awaitListening("hadoop105", 4141);
    agents.start("a2", flume2, on("hadoop103"), "-DFLUME2_DIR=" + flume2Dir)
        .awaitListening("hadoop103", 4141);
    agents.start("a1", flume1, on("hadoop102"), "-DHIVE_LOG=" + hiveLog);
    agents.start("a4", flume4, on("hadoop102"), "-DANY_TXT=" + anyTxt);
    hiveLog.append(FIRST_LINES.get(0));
    anyTxt.append(FIRST_LINES.get(1));
    awaitContains("HDFS under " + HDFS_DIR, () -> hdfsLines(hdfs), FIRST_LINES);
    return a3;
  }

  /** Waits until the place holds all these lines. */
  static void awaitContains(String where, Supplier<List<String>> place, List<String> lines) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
          .until(() -> place.get().containsAll(lines));
    } catch (ConditionTimeoutException e) {
      List<String> seen = place.get();
      List<String> missing = lines.stream().filter(line -> !seen.contains(line)).toList();
      throw new AssertionError(where + " did not hold " + missing.size() + " of the "
          + lines.size() + " expected lines within " + ARRIVES.toSeconds() + " s, e.g. "
          + missing.subList(0, Math.min(3, missing.size())) + "; it holds " + seen.size()
          + " lines", e);
    }
  }

  /** Asserts that HDFS holds each of these lines once: none lost, none written twice. */
  static void assertEachOnceInHdfs(FileSystem hdfs, List<String> lines) {
    List<String> stored = hdfsLines(hdfs);
    for (String line : lines) {
      assertThat(stored.stream().filter(line::equals).count()).as("times '%s' is in HDFS", line)
          .isEqualTo(1);
    }
  }

  static List<String> hdfsLines(FileSystem hdfs) {
    return HdfsFiles.lines(hdfs, HdfsFiles.under(hdfs, HDFS_DIR));
  }
}
