package io.flumelab.labs.replicating;

import static io.flumelab.labs.replicating.Group1.awaitLines;
import static io.flumelab.labs.replicating.Group1.hdfsLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
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
  @Order(1)
  @Points(10)
  @DisplayName("flume-3 restarted twice and flume-2 once: every line reaches both replicas, each once")
  void receiversRestartedInTurn(LabAgents agents, FileSystem hdfs) {
    Group1.Receivers receivers = group1.startAll(agents);
    AgentProcess a2 = receivers.flume2();
    AgentProcess a3 = receivers.flume3();
    group1.hiveLog.append("connected");
    group1.awaitBoth(hdfs, List.of("connected"));

    assertThat(a3.stop()).as("flume-3 stopped the first time").isZero();
    group1.hiveLog.append("flume-3 down once");
    awaitLines("HDFS (flume-2)", () -> hdfsLines(hdfs), List.of("connected", "flume-3 down once"));
    a3.restart().awaitListening("hadoop102", 4142);
    group1.awaitBoth(hdfs, List.of("connected", "flume-3 down once"));

    assertThat(a2.stop()).as("flume-2 stopped").isZero();
    group1.hiveLog.append("flume-2 down");
    awaitLines("flume-3's directory", group1::flume3Lines,
        List.of("connected", "flume-3 down once", "flume-2 down"));
    a2.restart().awaitListening("hadoop102", 4141);

    assertThat(a3.stop()).as("flume-3 stopped the second time").isZero();
    group1.hiveLog.append("flume-3 down twice");
    a3.restart().awaitListening("hadoop102", 4142);

    group1.awaitBoth(hdfs, List.of("connected", "flume-3 down once", "flume-2 down",
        "flume-3 down twice"));
  }
}
