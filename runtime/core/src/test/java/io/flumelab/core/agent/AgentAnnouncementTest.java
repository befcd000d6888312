package io.flumelab.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentAnnouncementTest {

  @TempDir
  Path state;

  @Test
  void anAnnouncementIsReadBackAsWrittenAndRemovedWhole() {
    Path dir = AgentAnnouncement.directory(state);
    AgentAnnouncement written = AgentAnnouncement.ofThisProcess("a1", Path.of("jobs/../jobs/a.conf"),
        "http://127.0.0.1:41414/metrics");

    Path file = written.write(dir);

    assertThat(dir).isEqualTo(state.resolve("run/agents"));
    assertThat(file.getFileName().toString()).isEqualTo("a1-" + ProcessHandle.current().pid()
        + ".agent.json");
    assertThat(AgentAnnouncement.read(file)).contains(written);
    assertThat(written.jobFile()).isEqualTo(Path.of("jobs", "a.conf").toAbsolutePath());
    assertThat(written.processAlive()).isTrue();
    assertThat(dir).isDirectoryNotContaining("glob:**.next");

    written.remove(dir);
    assertThat(AgentAnnouncement.readAll(dir)).isEmpty();
  }

  @Test
  void theProcessOfAnAnnouncementIsGoneWhenItEndedOrItsPidWasReused() throws Exception {
    Process process = new ProcessBuilder("sleep", "30").start();
    long pid = process.pid();
    long started = process.info().startInstant().orElseThrow().toEpochMilli();
    AgentAnnouncement running = new AgentAnnouncement("a2", pid, started, state.resolve("a.conf"),
        "http://127.0.0.1:1/metrics", Instant.now());
    AgentAnnouncement recycled = new AgentAnnouncement("a2", pid, started - 60_000,
        state.resolve("a.conf"), "http://127.0.0.1:1/metrics", Instant.now());
    assertThat(running.processAlive()).isTrue();
    assertThat(recycled.processAlive()).isFalse();

    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    assertThat(running.processAlive()).isFalse();
  }

  @Test
  void announcementsOfGoneProcessesAreSweptAndOthersKept() throws Exception {
    Path dir = AgentAnnouncement.directory(state);
    AgentAnnouncement alive = AgentAnnouncement.ofThisProcess("a1", state.resolve("a.conf"),
        "http://127.0.0.1:41414/metrics");
    alive.write(dir);
    Process process = new ProcessBuilder("true").start();
    process.waitFor(10, TimeUnit.SECONDS);
    AgentAnnouncement gone = new AgentAnnouncement("a2", process.pid(), 0, state.resolve("b.conf"),
        "http://127.0.0.1:41415/metrics", Instant.now());
    gone.write(dir);
    assertThat(AgentAnnouncement.readAll(dir)).containsExactly(alive, gone);

    AgentAnnouncement.removeThoseOfGoneProcesses(dir);

    assertThat(AgentAnnouncement.readAll(dir)).containsExactly(alive);
  }

  @Test
  void filesThatAreNoAnnouncementAreSkipped() throws IOException {
    Path dir = Files.createDirectories(AgentAnnouncement.directory(state));
    Files.writeString(dir.resolve("broken-1.agent.json"), "{\"agent\":\"a1\",\"pid\":");
    Files.writeString(dir.resolve("partial-2.agent.json"), "{\"agent\":\"a1\",\"pid\":2}");
    Files.writeString(dir.resolve("other.txt"), "not ours");

    assertThat(AgentAnnouncement.readAll(dir)).isEmpty();
    assertThat(AgentAnnouncement.read(dir.resolve("gone-3.agent.json"))).isEmpty();
    assertThat(AgentAnnouncement.readAll(state.resolve("nowhere"))).isEmpty();
  }
}
