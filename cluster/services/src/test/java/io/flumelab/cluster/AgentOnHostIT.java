package io.flumelab.cluster;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.LoggerSinkOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents run "on" a course host: they bind its name, and this machine's name is that host. */
@LabCluster
class AgentOnHostIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir
  Path dir;

  @Test
  void anAgentOnHadoop105BindsItsNameAndSeesItselfAsThatHost(LabAgents agents) throws IOException {
    Path job = Files.writeString(dir.resolve("a3.conf"), String.join("\n",
        "a3.sources = r1", "a3.channels = c1", "a3.sinks = k1",
        "a3.sources.r1.type = netcat", "a3.sources.r1.bind = hadoop105", "a3.sources.r1.port = 44444",
        "a3.sources.r1.interceptors = i1", "a3.sources.r1.interceptors.i1.type = host",
        "a3.sources.r1.channels = c1", "a3.channels.c1.type = memory",
        "a3.sinks.k1.type = logger", "a3.sinks.k1.channel = c1", ""));

    AgentProcess a3 = agents.start("a3", job, on("hadoop105")).awaitListening("hadoop105", 44444);

    try (LineClient nc = LineClient.connect("hadoop105", 44444)) {
      nc.send("hello");
      assertThat(nc.readLine(WAIT)).isEqualTo("OK");
    }
    // the host interceptor asks for this machine's address: on hadoop105 that is 127.0.1.105
    a3.awaitLine(LoggerSinkOutput.eventLine("{host=127.0.1.105}", "hello"), WAIT);
    assertThat(a3.kill()).isNotZero();
    a3.restart().awaitListening("127.0.1.105", 44444);
    assertThat(a3.stop()).isZero();
  }
}
