package io.flumelab.labs.replicating;

import static io.flumelab.cluster.junit.On.on;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LocalFiles;
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
 * The three jobs of {@code jobs/group1} and what they read and write in one test: hive.log in a
 * fresh directory, flume-3's file_roll directory beside it, and an empty {@value #HDFS_DIR} in
 * HDFS for flume-2.
 */
final class Group1 {

  static final Duration ARRIVES = Duration.ofSeconds(30);
  static final String HDFS_DIR = "/flume2";

  final Path flume1 = Lab.file("jobs/group1/flume-exec-avro.conf");
  final Path flume2 = Lab.file("jobs/group1/flume-avro-hdfs.conf");
  final Path flume3 = Lab.file("jobs/group1/flume-avro-file.conf");
  final LogFile hiveLog;
  final Path flume3Dir;

  /** The agents that receive flume-1's copies, for tests that stop and restart them. */
  record Receivers(AgentProcess flume2, AgentProcess flume3) {
  }

  private Group1(Path dir) throws IOException {
    hiveLog = LogFile.create(dir.resolve("hive.log"));
    flume3Dir = Files.createDirectory(dir.resolve("flume3"));
  }

  /** The files under {@code dir}, and HDFS without what an earlier test wrote. */
  static Group1 prepare(Path dir, FileSystem hdfs) throws IOException {
    clean(hdfs);
    return new Group1(dir);
  }

  static void clean(FileSystem hdfs) throws IOException {
    hdfs.delete(new org.apache.hadoop.fs.Path(HDFS_DIR), true);
  }

  /**
   * Starts flume-3, flume-2, then flume-1 (downstream first, as the course does), all on
   * hadoop102, each receiver once it listens.
   */
  Receivers startAll(LabAgents agents) {
    AgentProcess a3 = agents.start("a3", flume3, on("hadoop102"), "-DFLUME3_DIR=" + flume3Dir)
        .awaitListening("hadoop102", 4142);
    AgentProcess a2 = agents.start("a2", flume2, on("hadoop102")).awaitListening("hadoop102", 4141);
    agents.start("a1", flume1, on("hadoop102"), "-DHIVE_LOG=" + hiveLog);
    return new Receivers(a2, a3);
  }

  /** Waits until both replicas hold exactly these lines, in order. */
  void awaitBoth(FileSystem hdfs, List<String> lines) {
    awaitLines("HDFS (flume-2)", () -> hdfsLines(hdfs), lines);
    awaitLines("flume-3's directory", this::flume3Lines, lines);
  }

  List<String> flume3Lines() {
    return LocalFiles.lines(flume3Dir);
  }

  /** Waits until a place holds exactly these lines, in order: none lost, none twice. */
  static void awaitLines(String where, Supplier<List<String>> place, List<String> lines) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
          .until(() -> place.get().equals(lines));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(where + " did not hold exactly " + described(lines) + " within "
          + ARRIVES.toSeconds() + " s; it holds " + described(place.get()), e);
    }
  }

  static List<String> hdfsLines(FileSystem hdfs) {
    return HdfsFiles.lines(hdfs, HdfsFiles.under(hdfs, HDFS_DIR));
  }

  /** A few lines in full; more as their count and the first three. */
  private static String described(List<String> lines) {
    return lines.size() <= 5 ? lines.toString()
        : "the " + lines.size() + " lines starting " + lines.subList(0, 3);
  }
}
