package io.flumelab.labs.homework;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
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
 * Hidden (instructor-only) tests of lab 07: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests run the four agents without a failure; here flume-3, where
 * both paths meet, is down for a while: flume-2 must go on writing its own files, and once flume-3
 * is back every line of both files must reach HDFS exactly once.
 */
@LabTest
@LabCluster(hdfs = true)
@DisplayName("Lab 07 (hidden): the four-agent homework")
class TopologyHiddenIT {

  private static final Duration ARRIVES = Duration.ofSeconds(40);
  private static final String HDFS_DIR = "/flume/homework";

  private final Path flume1 = Lab.file("jobs/homework/flume1.conf");
  private final Path flume2 = Lab.file("jobs/homework/flume2.conf");
  private final Path flume3 = Lab.file("jobs/homework/flume3.conf");
  private final Path flume4 = Lab.file("jobs/homework/flume4.conf");

  @TempDir
  Path dir;

  private LogFile hiveLog;
  private LogFile anyTxt;
  private Path flume2Dir;

  @BeforeEach
  void prepare(FileSystem hdfs) throws IOException {
    hiveLog = LogFile.create(dir.resolve("hive.log"));
    anyTxt = LogFile.create(dir.resolve("any.txt"));
    flume2Dir = Files.createDirectory(dir.resolve("flume2"));
    hdfs.delete(new org.apache.hadoop.fs.Path(HDFS_DIR), true);
  }

  @AfterEach
  void clean(FileSystem hdfs) throws IOException {
    hdfs.delete(new org.apache.hadoop.fs.Path(HDFS_DIR), true);
  }

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("while flume-3 is down flume-2 still writes hive.log's lines; flume-3 back, every line of both files reaches HDFS once")
  void theCollectorDownLosesNothing(LabAgents agents, FileSystem hdfs) {
    AgentProcess a3 = agents.start("a3", flume3, on("hadoop105"))
        .awaitListening("hadoop105", 4141);
    agents.start("a2", flume2, on("hadoop103"), "-DFLUME2_DIR=" + flume2Dir)
        .awaitListening("hadoop103", 4141);
    agents.start("a1", flume1, on("hadoop102"), "-DHIVE_LOG=" + hiveLog);
    agents.start("a4", flume4, on("hadoop102"), "-DANY_TXT=" + anyTxt);
    hiveLog.append("hive.log is followed");
    anyTxt.append("any.txt is followed");
    awaitContains("HDFS under " + HDFS_DIR, () -> hdfsLines(hdfs),
        List.of("hive.log is followed", "any.txt is followed"));

    assertThat(a3.stop()).as("flume-3 stopped").isZero();
    List<String> fromHive = IntStream.range(0, 50).mapToObj(i -> "hive down " + i).toList();
    List<String> fromAny = IntStream.range(0, 50).mapToObj(i -> "any down " + i).toList();
    hiveLog.append(fromHive.toArray(String[]::new));
    anyTxt.append(fromAny.toArray(String[]::new));
    awaitContains("flume-2's local files while flume-3 was down", () -> LocalFiles.lines(flume2Dir),
        fromHive);

    a3.restart().awaitListening("hadoop105", 4141);
    List<String> all = new ArrayList<>(List.of("hive.log is followed", "any.txt is followed"));
    all.addAll(fromHive);
    all.addAll(fromAny);
    awaitContains("HDFS under " + HDFS_DIR + " after flume-3's restart", () -> hdfsLines(hdfs),
        all);
    List<String> stored = hdfsLines(hdfs);
    for (String line : all) {
      assertThat(stored.stream().filter(line::equals).count()).as("times '%s' is in HDFS", line)
          .isEqualTo(1);
    }
    assertThat(LocalFiles.lines(flume2Dir)).as("flume-2's local files").doesNotContainAnyElementsOf(
        fromAny);
  }

  /** Waits until the place holds all these lines. */
  private static void awaitContains(String where, Supplier<List<String>> place, List<String> lines) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
          .until(() -> place.get().containsAll(lines));
    } catch (ConditionTimeoutException e) {
      List<String> seen = place.get();
      List<String> missing = lines.stream().filter(line -> !seen.contains(line)).toList();
      throw new AssertionError(where + " did not hold " + missing.size() + " of the "
          + lines.size() + " expected lines within " + ARRIVES.toSeconds() + " s, e.g. "
          + missing.subList(0, Math.min(3, missing.size())), e);
    }
  }

  private static List<String> hdfsLines(FileSystem hdfs) {
    return HdfsFiles.lines(hdfs, HdfsFiles.under(hdfs, HDFS_DIR));
  }
}
