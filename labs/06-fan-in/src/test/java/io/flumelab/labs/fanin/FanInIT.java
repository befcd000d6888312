package io.flumelab.labs.fanin;

import static io.flumelab.labs.fanin.Group3.awaitPrinted;
import static io.flumelab.labs.fanin.Group3.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.Points;
import io.flumelab.harness.Ports;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@LabTest
@LabCluster
@DisplayName("Lab 06: fan-in, two agents feeding a third")
class FanInIT {

  @TempDir
  Path dir;

  private Group3 group3;

  @BeforeEach
  void log() {
    group3 = new Group3(dir);
  }

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the three jobs pass flume-ng check without warnings; flume-1 and flume-2 send to flume-3 at hadoop105:4141")
  void jobsAreValid() {
    List<String> defines = List.of("GROUP_LOG=/tmp/group.log");
    Job a1 = JobCheck.assertClean(group3.flume1, "a1", defines);
    Job a2 = JobCheck.assertClean(group3.flume2, "a2", defines);
    Job a3 = JobCheck.assertClean(group3.flume3, "a3", defines);

    sendsToTheCollector(a1, a1.assertFlow("exec", "memory", "avro"));
    sendsToTheCollector(a2, a2.assertFlow("netcat", "memory", "avro"));
    Job.Address socket = a2.onlySource("netcat").address("bind", "port");
    assertThat(socket.accepts("hadoop102", 44444))
        .as("flume-2's netcat source listens on %s (bind, port); nc connects to hadoop102:44444",
            socket)
        .isTrue();
    a3.assertFlow("avro", "memory", "logger");
    Job.Address collector = a3.onlySource("avro").address("bind", "port");
    assertThat(collector.is("hadoop105", 4141))
        .as("flume-3's avro source listens on %s (bind, port); it should listen on hadoop105:4141, "
            + "that host only", collector)
        .isTrue();
  }

  @Test
  @Order(2)
  @Points(20)
  @DisplayName("a line of group.log, read by flume-1 on hadoop103, is printed by flume-3 on hadoop105")
  void fromTheLogOnHadoop103(LabAgents agents) {
    AgentProcess a3 = group3.startCollector(agents);
    group3.startLogSender(agents);

    // tail -F starts with the file's last lines: whether it runs yet or not, this one arrives
    group3.groupLog.append("from hadoop103");

    awaitPrinted(a3, "from hadoop103");
  }

  @Test
  @Order(3)
  @Points(20)
  @DisplayName("a line sent to hadoop102:44444 (flume-2) is printed by flume-3 on hadoop105")
  void fromTheSocketOnHadoop102(LabAgents agents) {
    AgentProcess a3 = group3.startCollector(agents);
    group3.startSocketSender(agents);

    try (LineClient nc = LineClient.connect("hadoop102", 44444)) {
      send(nc, "from hadoop102");
    }

    awaitPrinted(a3, "from hadoop102");
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("flume-3 listens on hadoop105 only")
  void theCollectorListensOnItsHostOnly(LabAgents agents) {
    group3.startCollector(agents);

    assertThat(Ports.isFree("hadoop102", 4141)).as("port 4141 on hadoop102, where flume-3 "
        + "must not listen (bind hadoop105, not 0.0.0.0)").isTrue();
    assertThat(Ports.isFree("hadoop103", 4141)).as("port 4141 on hadoop103").isTrue();
  }

  private static void sendsToTheCollector(Job job, Job.Component avroSink) {
    Job.Address to = avroSink.address("hostname", "port");
    assertThat(to.is("hadoop105", 4141)).as("%s: %s sends to %s (hostname, port); flume-3 "
        + "listens on hadoop105:4141", job.file().getFileName(), avroSink, to).isTrue();
  }
}
