package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    int netcatPort = freePort();
    int avroPort = freePort();
    Path upstream = Files.writeString(dir.resolve("upstream.conf"), """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = 127.0.0.1
        a1.sources.r1.port = %d
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = avro
        a1.sinks.k1.hostname = 127.0.0.1
        a1.sinks.k1.port = %d
        a1.sinks.k1.channel = c1
        """.formatted(netcatPort, avroPort));
    Path downstream = Files.writeString(dir.resolve("downstream.conf"), """
        a2.sources = r1
        a2.channels = c1
        a2.sinks = k1
        a2.sources.r1.type = avro
        a2.sources.r1.bind = 127.0.0.1
        a2.sources.r1.port = %d
        a2.sources.r1.channels = c1
        a2.channels.c1.type = memory
        a2.sinks.k1.type = logger
        a2.sinks.k1.channel = c1
        """.formatted(avroPort));
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
