package io.flumelab.labs.homework;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LocalFiles;
import io.flumelab.harness.LabTest;
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

@LabTest
@LabCluster(hdfs = true)
@DisplayName("Lab 07: the four-agent homework")
class TopologyIT {

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
  @DisplayName("the four jobs pass flume-ng check without warnings")
  void jobsAreValid() {
    List<String> defines = List.of("HIVE_LOG=/tmp/hive.log", "ANY_TXT=/tmp/any.txt",
        "FLUME2_DIR=/tmp");
    JobCheck.assertClean(flume1, "a1", defines, "r1 exec", "k1 avro");
    JobCheck.assertClean(flume2, "a2", defines, "r1 avro", "k1 file_roll", "k2 avro");
    JobCheck.assertClean(flume3, "a3", defines, "r1 avro", "k1 hdfs");
    JobCheck.assertClean(flume4, "a4", defines, "r1 exec", "k1 avro");
  }

  @Test
  @Order(2)
  @Points(20)
  @DisplayName("a line of hive.log ends in flume-2's local files and, through flume-3, in HDFS")
  void hiveLogReachesBoth(LabAgents agents, FileSystem hdfs) {
    startAll(agents, hdfs);

    hiveLog.append("from hive.log");

    awaitContains("flume-2's local files", () -> LocalFiles.lines(flume2Dir), List.of("from hive.log"));
    awaitContains("HDFS under " + HDFS_DIR, () -> hdfsLines(hdfs), List.of("from hive.log"));
  }

  @Test
  @Order(3)
  @Points(20)
  @DisplayName("a line of any.txt ends in HDFS through flume-3, not in flume-2's files")
  void anyTxtReachesHdfsOnly(LabAgents agents, FileSystem hdfs) {
    startAll(agents, hdfs);

    anyTxt.append("from any.txt");

    awaitContains("HDFS under " + HDFS_DIR, () -> hdfsLines(hdfs), List.of("from any.txt"));
    assertThat(LocalFiles.lines(flume2Dir)).as("flume-2's local files").doesNotContain("from any.txt");
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("100 lines from each file end in HDFS exactly once")
  void everyLineOnce(LabAgents agents, FileSystem hdfs) {
    startAll(agents, hdfs);
    List<String> fromHive = IntStream.range(0, 100).mapToObj(i -> "hive " + i).toList();
    List<String> fromAny = IntStream.range(0, 100).mapToObj(i -> "any " + i).toList();

    hiveLog.append(fromHive.toArray(String[]::new));
    anyTxt.append(fromAny.toArray(String[]::new));

    List<String> all = new ArrayList<>(fromHive);
    all.addAll(fromAny);
    awaitContains("HDFS under " + HDFS_DIR, () -> hdfsLines(hdfs), all);
    List<String> stored = hdfsLines(hdfs);
    for (String line : all) {
      assertThat(stored.stream().filter(line::equals).count()).as("times '%s' is in HDFS", line)
          .isEqualTo(1);
    }
  }

  /**
   * Downstream first: flume-3 on hadoop105, flume-2 on hadoop103, flume-1 and flume-4 on
   * hadoop102; then waits until a first line of each file is in HDFS. {@code tail -F} starts with
   * a file's last 10 lines, so a burst written before it runs would be cut.
   */
  private void startAll(LabAgents agents, FileSystem hdfs) {
    agents.start("a3", flume3, on("hadoop105")).awaitListening("hadoop105", 4141);
    agents.start("a2", flume2, on("hadoop103"), "-DFLUME2_DIR=" + flume2Dir)
        .awaitListening("hadoop103", 4141);
    agents.start("a1", flume1, on("hadoop102"), "-DHIVE_LOG=" + hiveLog);
    agents.start("a4", flume4, on("hadoop102"), "-DANY_TXT=" + anyTxt);
    hiveLog.append("hive.log is followed");
    anyTxt.append("any.txt is followed");
    awaitContains("HDFS under " + HDFS_DIR, () -> hdfsLines(hdfs),
        List.of("hive.log is followed", "any.txt is followed"));
  }

  /** Waits until the place holds all these lines. */
  private static void awaitContains(String where, Supplier<List<String>> place, List<String> lines) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
          .until(() -> place.get().containsAll(lines));
    } catch (ConditionTimeoutException e) {
      List<String> seen = place.get();
      throw new AssertionError(where + " did not hold the " + lines.size() + " expected lines "
          + "within " + ARRIVES.toSeconds() + " s; it holds " + seen.size() + " lines"
          + (seen.isEmpty() ? "" : ", e.g. " + seen.subList(0, Math.min(3, seen.size()))), e);
    }
  }

  private static List<String> hdfsLines(FileSystem hdfs) {
    return HdfsFiles.lines(hdfs, HdfsFiles.under(hdfs, HDFS_DIR));
  }

}
