package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a real agent process: events acknowledged with {@code OK} that a memory channel still
 * holds when the drain ends are lost, and the agent says so (an ERROR line and exit status 3); a
 * stop that delivered everything exits 0 without an ERROR.
 */
@ExtendWith(AgentExtension.class)
class GracefulStopIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int LINES = 5000;
  /** The launcher's status for "stopped, but committed events were discarded". */
  private static final int EVENTS_DISCARDED = 3;

  @TempDir
  Path dir;

  @Test
  void acknowledgedEventsAStopDiscardsAreReportedAndTheStatusSaysSo(Agents agents)
      throws IOException {
    int netcatPort = TestJobs.freePort();
    int nobodyListens = TestJobs.freePort();
    Path job = TestJobs.write(dir.resolve("stuck.conf"), "a1",
        "netcat", Map.of("bind", "127.0.0.1", "port", netcatPort),
        "avro", Map.of("hostname", "127.0.0.1", "port", nobodyListens));
    withCapacity(job, LINES);
    AgentProcess agent = agents.start("a1", job, "--drain-seconds", "1")
        .awaitListening("127.0.0.1", netcatPort);

    sendAcknowledged(netcatPort, LINES);

    assertThat(agent.stop()).as("exit status").isEqualTo(EVENTS_DISCARDED);
    assertThat(agent.output()).filteredOn(line -> line.contains("discards")).singleElement()
        .asString()
        .contains("ERROR")
        .contains("Channel c1 discards " + LINES + " committed events on stop")
        .contains("within the drain time (1 s)")
        .contains("--drain-seconds")
        .contains("type = file");
  }

  @Test
  void aStopThatDeliveredEverythingExitsZeroWithoutAnError(Agents agents) throws IOException {
    int netcatPort = TestJobs.freePort();
    Path job = TestJobs.write(dir.resolve("drained.conf"), "a1",
        "netcat", Map.of("bind", "127.0.0.1", "port", netcatPort), "null", Map.of());
    withCapacity(job, LINES);
    AgentProcess agent = agents.start("a1", job, "--drain-seconds", "1")
        .awaitListening("127.0.0.1", netcatPort);

    sendAcknowledged(netcatPort, LINES);

    assertThat(agent.stop()).as("exit status").isZero();
    assertThat(agent.output()).noneMatch(line -> line.contains("ERROR"))
        .anyMatch(line -> line.contains("Agent a1 stopped"));
  }

  /** Sends the lines and waits for each one's {@code OK}: each is a committed event. */
  private static void sendAcknowledged(int port, int lines) {
    try (LineClient nc = LineClient.connect("127.0.0.1", port)) {
      for (int i = 0; i < lines; i++) {
        nc.send("line " + i);
      }
      for (int i = 0; i < lines; i++) {
        assertThat(nc.readLine(WAIT)).as("reply to line %d", i).isEqualTo("OK");
      }
    }
  }

  /** Room in the channel for every line, so none is refused while the sink cannot deliver. */
  private static void withCapacity(Path job, int events) throws IOException {
    Files.writeString(job, "a1.channels.c1.capacity = " + events + "\n",
        StandardOpenOption.APPEND);
  }
}
