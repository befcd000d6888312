package io.flumelab.labs.homework;

import static io.flumelab.labs.homework.FourAgents.HDFS_DIR;
import static io.flumelab.labs.homework.FourAgents.assertEachOnceInHdfs;
import static io.flumelab.labs.homework.FourAgents.awaitContains;
import static io.flumelab.labs.homework.FourAgents.hdfsLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LocalFiles;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
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

  @TempDir
  Path dir;

  private FourAgents topology;

  @BeforeEach
  void prepare(FileSystem hdfs) throws IOException {
    topology = FourAgents.prepare(dir, hdfs);
  }

  @AfterEach
  void clean(FileSystem hdfs) throws IOException {
    FourAgents.clean(hdfs);
  }

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the four jobs pass flume-ng check without warnings and connect as the task's table says")
  void jobsAreValid() {
    List<String> defines = List.of("HIVE_LOG=" + topology.hiveLog, "ANY_TXT=" + topology.anyTxt,
        "FLUME2_DIR=" + topology.flume2Dir);
    Job a1 = JobCheck.assertClean(topology.flume1, "a1", defines);
    Job a2 = JobCheck.assertClean(topology.flume2, "a2", defines);
    Job a3 = JobCheck.assertClean(topology.flume3, "a3", defines);
    Job a4 = JobCheck.assertClean(topology.flume4, "a4", defines);

    sendsTo(a1, a1.assertFlow("exec", "avro"), "hadoop103", 4141);
    sendsTo(a4, a4.assertFlow("exec", "avro"), "hadoop105", 4141);

    listensOn(a2, "hadoop103", 4141);
    Job.Component fileRoll = a2.assertFlow("avro", "file_roll");
    Job.Component forward = a2.assertFlow("avro", "avro");
    sendsTo(a2, forward, "hadoop105", 4141);
    assertThat(fileRoll.setting("sink.directory")).as("flume-2's %s directory (sink.directory)",
        fileRoll).isEqualTo(topology.flume2Dir.toString());
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
    topology.startAll(agents, hdfs);

    topology.hiveLog.append("from hive.log");

    awaitContains("flume-2's local files", () -> LocalFiles.lines(topology.flume2Dir),
        List.of("from hive.log"));
    awaitContains("HDFS under " + HDFS_DIR, () -> hdfsLines(hdfs), List.of("from hive.log"));
  }

  @Test
  @Order(3)
  @Points(20)
  @DisplayName("a line of any.txt ends in HDFS through flume-3, not in flume-2's files")
  void anyTxtReachesHdfsOnly(LabAgents agents, FileSystem hdfs) {
    topology.startAll(agents, hdfs);

    topology.anyTxt.append("from any.txt");

    awaitContains("HDFS under " + HDFS_DIR, () -> hdfsLines(hdfs), List.of("from any.txt"));
    assertThat(LocalFiles.lines(topology.flume2Dir)).as("flume-2's local files")
        .doesNotContain("from any.txt");
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("100 lines from each file end in HDFS exactly once")
  void everyLineOnce(LabAgents agents, FileSystem hdfs) {
    topology.startAll(agents, hdfs);
    List<String> fromHive = IntStream.range(0, 100).mapToObj(i -> "hive " + i).toList();
    List<String> fromAny = IntStream.range(0, 100).mapToObj(i -> "any " + i).toList();

    topology.hiveLog.append(fromHive.toArray(String[]::new));
    topology.anyTxt.append(fromAny.toArray(String[]::new));

    List<String> all = new ArrayList<>(fromHive);
    all.addAll(fromAny);
    awaitContains("HDFS under " + HDFS_DIR, () -> hdfsLines(hdfs), all);
    assertEachOnceInHdfs(hdfs, all);
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
}
