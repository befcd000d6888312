package io.flumelab.labs.replicating;

import static io.flumelab.labs.replicating.Group1.hdfsLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
@DisplayName("Lab 04: one source, two destinations (replicating selector)")
class ReplicatingIT {

  /** The first line of every run: once it is in both places, the whole chain works. */
  private static final String FOLLOWING = "the agents are connected";

  @TempDir
  Path dir;

  private Group1 group1;

  @BeforeEach
  void prepare(FileSystem hdfs) throws IOException {
    group1 = Group1.prepare(dir, hdfs);
  }

  @AfterEach
  void clean(FileSystem hdfs) throws IOException {
    Group1.clean(hdfs);
  }

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the three jobs pass flume-ng check without warnings; flume-1 copies each line to both avro sinks")
  void jobsAreValid() {
    List<String> defines = List.of("HIVE_LOG=" + group1.hiveLog, "FLUME3_DIR=" + group1.flume3Dir);
    Job a1 = JobCheck.assertClean(group1.flume1, "a1", defines);
    Job a2 = JobCheck.assertClean(group1.flume2, "a2", defines);
    Job a3 = JobCheck.assertClean(group1.flume3, "a3", defines);

    Job.Component exec = a1.onlySource("exec");
    assertThat(a1.selectorOf(exec).type()).as("%s's channel selector", exec)
        .isEqualTo("replicating");
    List<Job.Component> fed = a1.sinksFedBy(exec);
    Job.Component toFlume2 = avroSinkTo(a1, fed, "hadoop102", 4141);
    Job.Component toFlume3 = avroSinkTo(a1, fed, "hadoop102", 4142);
    assertThat(a1.channelOf(toFlume2)).as("the channel of %s (to flume-2) and of %s (to flume-3): "
        + "two sinks on one channel share its events instead of each getting a copy", toFlume2,
        toFlume3).isNotEqualTo(a1.channelOf(toFlume3));

    receives(a2, "avro", 4141);
    a2.assertFlow("avro", "memory", "hdfs");
    receives(a3, "avro", 4142);
    Job.Component fileRoll = a3.assertFlow("avro", "memory", "file_roll");
    assertThat(fileRoll.setting("sink.directory"))
        .as("the directory %s of flume-3 writes into (sink.directory)", fileRoll)
        .isEqualTo(group1.flume3Dir.toString());
  }

  @Test
  @Order(2)
  @Points(20)
  @DisplayName("a line of hive.log reaches HDFS through flume-2 and a local file through flume-3")
  void eachLineReachesBoth(LabAgents agents, FileSystem hdfs) {
    startAll(agents, hdfs);

    group1.hiveLog.append("to both");

    awaitLines("HDFS (flume-2)", () -> hdfsLines(hdfs), List.of("to both"));
    awaitLines("flume-3's directory", group1::flume3Lines, List.of("to both"));
  }

  @Test
  @Order(3)
  @Points(10)
  @DisplayName("a burst of 300 lines reaches both, each line exactly once")
  void aBurstReachesBothOnce(LabAgents agents, FileSystem hdfs) {
    startAll(agents, hdfs);
    List<String> burst = IntStream.range(0, 300).mapToObj(i -> "line " + i).toList();

    group1.hiveLog.append(burst.toArray(String[]::new));

    awaitLines("HDFS (flume-2)", () -> hdfsLines(hdfs), burst);
    awaitLines("flume-3's directory", group1::flume3Lines, burst);
  }

  @Test
  @Order(4)
  @Points(20)
  @DisplayName("while flume-3 is down flume-2 goes on, and flume-3 gets what it missed when back")
  void aDownstreamAgentDownLosesNothing(LabAgents agents, FileSystem hdfs) {
    AgentProcess a3 = startAll(agents, hdfs);
    assertThat(a3.stop()).as("flume-3 stopped").isZero();

    group1.hiveLog.append("while flume-3 was down");
    awaitLines("HDFS (flume-2)", () -> hdfsLines(hdfs), List.of("while flume-3 was down"));

    a3.restart();
    awaitLines("flume-3's directory after its restart", group1::flume3Lines,
        List.of("while flume-3 was down"));
  }

  /**
   * Starts the three agents (downstream first) and waits until a first line went through both
   * paths; returns flume-3.
   */
  private AgentProcess startAll(LabAgents agents, FileSystem hdfs) {
    AgentProcess a3 = group1.startAll(agents).flume3();
    group1.hiveLog.append(FOLLOWING);
    awaitLines("HDFS (flume-2)", () -> hdfsLines(hdfs), List.of());
    awaitLines("flume-3's directory", group1::flume3Lines, List.of());
    return a3;
  }

  /** Waits until a place holds exactly the first line and then these lines, in order. */
  private static void awaitLines(String where, Supplier<List<String>> place, List<String> lines) {
    List<String> expected = new ArrayList<>(List.of(FOLLOWING));
    expected.addAll(lines);
    Group1.awaitLines(where, place, expected);
  }

  /** The one avro sink of {@code sinks} that sends to host:port; fails saying where they send. */
  private static Job.Component avroSinkTo(Job job, List<Job.Component> sinks, String host,
      int port) {
    List<Job.Component> matching = sinks.stream()
        .filter(sink -> sink.is("avro") && sink.address("hostname", "port").is(host, port))
        .toList();
    assertThat(matching).as("flume-1's avro sinks fed by its exec source that send to %s:%d "
        + "(hostname, port); the sinks it feeds: %s", host, port, destinations(sinks))
        .hasSize(1);
    return matching.get(0);
  }

  private static String destinations(List<Job.Component> sinks) {
    return sinks.stream().map(sink -> sink + " -> " + sink.address("hostname", "port")).toList()
        .toString();
  }

  /** Asserts that the agent's one source of this type listens on hadoop102:port. */
  private static void receives(Job job, String type, int port) {
    Job.Address address = job.onlySource(type).address("bind", "port");
    assertThat(address.accepts("hadoop102", port)).as("%s: its %s source listens on %s (bind, "
        + "port); flume-1 sends to hadoop102:%d", job.file().getFileName(), type, address, port)
        .isTrue();
  }
}
