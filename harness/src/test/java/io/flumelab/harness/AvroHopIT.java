package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents as the course chains them: netcat → memory → avro sink, then avro source → memory →
 * logger in a second process. Events survive the downstream agent being killed and restarted.
 */
@ExtendWith(AgentExtension.class)
class AvroHopIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  @Test
  void eventsCrossTheHopAndSurviveADownstreamRestart(Agents agents) throws IOException {
    int netcatPort = TestJobs.freePort();
    int avroPort = TestJobs.freePort();
    Path upstream = TestJobs.write(dir.resolve("upstream.conf"), "a1",
        "netcat", Map.of("bind", "127.0.0.1", "port", netcatPort),
        "avro", Map.of("hostname", "127.0.0.1", "port", avroPort));
    Path downstream = TestJobs.write(dir.resolve("downstream.conf"), "a2",
        "avro", Map.of("bind", "127.0.0.1", "port", avroPort), "logger", Map.of());
    AgentProcess a2 = agents.start("a2", downstream).awaitListening("127.0.0.1", avroPort);
    agents.start("a1", upstream).awaitListening("127.0.0.1", netcatPort);

    try (LineClient nc = LineClient.connect("127.0.0.1", netcatPort)) {
      nc.send("before");
      assertThat(nc.readLine(WAIT)).isEqualTo("OK");
      a2.awaitLine(LoggerSinkOutput.eventLine("before"), WAIT);

      a2.kill();
      nc.send("while down");
      assertThat(nc.readLine(WAIT)).as("the upstream channel takes the event").isEqualTo("OK");
      a2.restart().awaitListening("127.0.0.1", avroPort);
    }

    a2.awaitLine(LoggerSinkOutput.eventLine("while down"), WAIT);
  }

}
