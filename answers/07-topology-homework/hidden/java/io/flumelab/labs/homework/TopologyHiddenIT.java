package io.flumelab.labs.homework;

import static io.flumelab.labs.homework.FourAgents.HDFS_DIR;
import static io.flumelab.labs.homework.FourAgents.assertEachOnceInHdfs;
import static io.flumelab.labs.homework.FourAgents.awaitContains;
import static io.flumelab.labs.homework.FourAgents.hdfsLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
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
  @Order(1)
  @Points(10)
  @DisplayName("while flume-3 is down flume-2 still writes hive.log's lines; flume-3 back, every line of both files reaches HDFS once")
  void theCollectorDownLosesNothing(LabAgents agents, FileSystem hdfs) {
    AgentProcess a3 = topology.startAll(agents, hdfs);

    assertThat(a3.stop()).as("flume-3 stopped").isZero();
    List<String> fromHive = IntStream.range(0, 50).mapToObj(i -> "hive down " + i).toList();
    List<String> fromAny = IntStream.range(0, 50).mapToObj(i -> "any down " + i).toList();
    topology.hiveLog.append(fromHive.toArray(String[]::new));
    topology.anyTxt.append(fromAny.toArray(String[]::new));
    awaitContains("flume-2's local files while flume-3 was down",
        () -> LocalFiles.lines(topology.flume2Dir), fromHive);

    a3.restart().awaitListening("hadoop105", 4141);
    List<String> all = new ArrayList<>(FourAgents.FIRST_LINES);
    all.addAll(fromHive);
    all.addAll(fromAny);
    awaitContains("HDFS under " + HDFS_DIR + " after flume-3's restart", () -> hdfsLines(hdfs),
        all);
    assertEachOnceInHdfs(hdfs, all);
    assertThat(LocalFiles.lines(topology.flume2Dir)).as("flume-2's local files")
        .doesNotContainAnyElementsOf(fromAny);
  }
}
