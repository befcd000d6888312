package io.flumelab.labs.replicating;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LocalFiles;
import io.flumelab.harness.LogFile;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 04: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests stop flume-3 once; here each receiver goes down in turn,
 * flume-3 twice, and every line must still reach both replicas exactly once.
 */
@LabTest
@LabCluster(hdfs = true)
@DisplayName("Lab 04 (hidden): one source, two destinations (replicating selector)")
class ReplicatingHiddenIT {

  private static final Duration ARRIVES = Duration.ofSeconds(30);
  private static final String HDFS_DIR = "/flume2";

  private final Path flume1 = Lab.file("jobs/group1/flume-exec-avro.conf");
  private final Path flume2 = Lab.file("jobs/group1/flume-avro-hdfs.conf");
  private final Path flume3 = Lab.file("jobs/group1/flume-avro-file.conf");

  @TempDir
  Path dir;

  private LogFile hiveLog;
  private Path flume3Dir;

  @BeforeEach
  void prepare(FileSystem hdfs) throws IOException {
    hiveLog = LogFile.create(dir.resolve("hive.log"));
    flume3Dir = Files.createDirectory(dir.resolve("flume3"));
    hdfs.delete(new org.apache.hadoop.fs.Path(HDFS_DIR), true);
  }

  @AfterEach
  void clean(FileSystem hdfs) throws IOException {
    hdfs.delete(new org.apache.hadoop.fs.Path(HDFS_DIR), true);
  }

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("flume-3 restarted twice and flume-2 once: every line reaches both replicas, each once")
  void receiversRestartedInTurn(LabAgents agents, FileSystem hdfs) {
    AgentProcess a3 = agents.start("a3", flume3, on("hadoop102"), "-DFLUME3_DIR=" + flume3Dir)
        .awaitListening("hadoop102", 4142);
    AgentProcess a2 = agents.start("a2", flume2, on("hadoop102")).awaitListening("hadoop102", 4141);
    agents.start("a1", flume1, on("hadoop102"), "-DHIVE_LOG=" + hiveLog);
    hiveLog.append("connected");
    awaitBoth(hdfs, List.of("connected"));

    assertThat(a3.stop()).as("flume-3 stopped the first time").isZero();
    hiveLog.append("flume-3 down once");
    awaitLines("HDFS (flume-2)", () -> hdfsLines(hdfs), List.of("connected", "flume-3 down once"));
    a3.restart().awaitListening("hadoop102", 4142);
    awaitBoth(hdfs, List.of("connected", "flume-3 down once"));

    assertThat(a2.stop()).as("flume-2 stopped").isZero();
    hiveLog.append("flume-2 down");
    awaitLines("flume-3's directory", () -> LocalFiles.lines(flume3Dir),
        List.of("connected", "flume-3 down once", "flume-2 down"));
    a2.restart().awaitListening("hadoop102", 4141);

    assertThat(a3.stop()).as("flume-3 stopped the second time").isZero();
    hiveLog.append("flume-3 down twice");
    a3.restart().awaitListening("hadoop102", 4142);

    awaitBoth(hdfs, List.of("connected", "flume-3 down once", "flume-2 down",
        "flume-3 down twice"));
  }

  private void awaitBoth(FileSystem hdfs, List<String> lines) {
    awaitLines("HDFS (flume-2)", () -> hdfsLines(hdfs), lines);
    awaitLines("flume-3's directory", () -> LocalFiles.lines(flume3Dir), lines);
  }

  /** Waits until a place holds exactly these lines, in order: none lost, none twice. */
  private static void awaitLines(String where, Supplier<List<String>> place, List<String> lines) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
          .until(() -> place.get().equals(lines));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(where + " did not hold exactly " + lines + " within "
          + ARRIVES.toSeconds() + " s; it holds " + place.get(), e);
    }
  }

  private static List<String> hdfsLines(FileSystem hdfs) {
    return HdfsFiles.lines(hdfs, HdfsFiles.under(hdfs, HDFS_DIR));
  }
}
