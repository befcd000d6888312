package io.flumelab.labs.homework;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.Job;
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
import org.junit.jupiter.api.Tag;
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
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the four jobs pass flume-ng check without warnings and connect as the task's table says")
  void jobsAreValid() {
    List<String> defines = List.of("HIVE_LOG=" + hiveLog, "ANY_TXT=" + anyTxt,
        "FLUME2_DIR=" + flume2Dir);
    Job a1 = JobCheck.assertClean(flume1, "a1", defines);
    Job a2 = JobCheck.assertClean(flume2, "a2", defines);
    Job a3 = JobCheck.assertClean(flume3, "a3", defines);
    Job a4 = JobCheck.assertClean(flume4, "a4", defines);

    sendsTo(a1, a1.assertFlow("exec", "avro"), "hadoop103", 4141);
    sendsTo(a4, a4.assertFlow("exec", "avro"), "hadoop105", 4141);

    listensOn(a2, "hadoop103", 4141);
    Job.Component fileRoll = a2.assertFlow("avro", "file_roll");
    Job.Component forward = a2.assertFlow("avro", "avro");
    sendsTo(a2, forward, "hadoop105", 4141);
    assertThat(fileRoll.setting("sink.directory")).as("flume-2's %s directory (sink.directory)",
        fileRoll).isEqualTo(flume2Dir.toString());
    Job.Component received = a2.onlySource("avro");
    assertThat(a2.selectorOf(received).type()).as("flume-2's channel selector")
        .isEqualTo("replicating");
    assertThat(a2.channelOf(fileRoll)).as("the channel of %s and of %s: two sinks on one channel "
        + "share its events instead of each getting a copy", fileRoll, forward)
        .isNotEqualTo(a2.channelOf(forward));

    listensOn(a3, "hadoop105", 4141);
    Job.Component hdfs = a3.assertFlow("avro", "hdfs");
    String path = hdfs.setting("hdfs.path");
    // the directory after hdfs://host:port, as text: %Y is no URI escape
    assertThat(path.replaceFirst("^[a-zA-Z]+://[^/]*", "").replaceAll("/+$", ""))
        .as("the directory of flume-3's %s (hdfs.path = %s)", hdfs, path)
        .isEqualTo(HDFS_DIR + "/%Y%m%d/%H");
    assertThat(hdfs.setting("hdfs.fileType")).as("flume-3's %s file type (hdfs.fileType): plain "
        + "text, not Flume's default SequenceFile", hdfs).isEqualToIgnoringCase("DataStream");
    assertThat(hdfs.flag("hdfs.useLocalTimeStamp", false)).as("flume-3's %s uses the agent's "
        + "clock (hdfs.useLocalTimeStamp = %s)", hdfs, hdfs.setting("hdfs.useLocalTimeStamp"))
        .isTrue();
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

  private static void sendsTo(Job job, Job.Component avroSink, String host, int port) {
    Job.Address to = avroSink.address("hostname", "port");
    assertThat(to.is(host, port)).as("%s: %s sends to %s (hostname, port); the task says %s:%d",
        job.file().getFileName(), avroSink, to, host, port).isTrue();
  }

  private static void listensOn(Job job, String host, int port) {
    Job.Address address = job.onlySource("avro").address("bind", "port");
    assertThat(address.accepts(host, port)).as("%s: its avro source listens on %s (bind, port); "
        + "the task says %s:%d", job.file().getFileName(), address, host, port).isTrue();
  }

  private static List<String> hdfsLines(FileSystem hdfs) {
    return HdfsFiles.lines(hdfs, HdfsFiles.under(hdfs, HDFS_DIR));
  }

}
