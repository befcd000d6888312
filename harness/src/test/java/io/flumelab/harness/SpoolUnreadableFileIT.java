package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spooled file the agent's user may not read, in a real agent process: it is set aside with one
 * ERROR, the files after it still flow, and it is read once a chmod allows it. Tests here run as
 * root, which reads a mode 000 file anyway, so the agent runs under {@code setpriv} without the
 * capabilities that let root ignore file permissions: exactly what a user other than the file's
 * owner meets.
 */
class SpoolUnreadableFileIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DROP_ROOTS_FILE_ACCESS =
      "--bounding-set=-dac_override,-dac_read_search";

  @TempDir
  Path dir;
  private Process agent;
  private Path output;

  @AfterEach
  void stopAgent() throws InterruptedException {
    if (agent != null && agent.isAlive()) {
      agent.toHandle().destroy();
      agent.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void anUnreadableFileIsSetAsideOnceTheOthersFlowAndAChmodLetsItIn() throws Exception {
    Path spool = Files.createDirectories(dir.resolve("spool"));
    write(spool.resolve("a.log"), "a1\n", 1);
    Path locked = write(spool.resolve("b.log"), "b1\n", 2);
    write(spool.resolve("c.log"), "c1\n", 3);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    Path job = TestJobs.write(dir.resolve("spool.conf"), "a1", "spooldir",
        Map.of("spoolDir", spool, "pollDelay", 50), "logger", Map.of());

    start(job);

    awaitOutput(LoggerSinkOutput.eventLine("c1"));
    assertThat(output()).anyMatch(line -> line.contains(LoggerSinkOutput.eventLine("a1")))
        .noneMatch(line -> line.contains(LoggerSinkOutput.eventLine("b1")));
    // 50 ms polls: in a second the agent looked 20 times, and said it once
    await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() ->
        output().stream().filter(line -> line.contains(" ERROR ")).count() == 1);
    assertThat(output()).filteredOn(line -> line.contains(" ERROR ")).singleElement().asString()
        .contains("Spooling directory source r1: cannot read " + locked + " (permission denied")
        .contains("set aside");
    assertThat(output()).noneMatch(line -> line.startsWith("\tat "));

    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-r--r--"));
    awaitOutput(LoggerSinkOutput.eventLine("b1"));
    assertThat(output()).anyMatch(line -> line.contains(locked + " can be read now"));
  }

  private void start(Path job) throws IOException {
    List<String> args = List.of("agent", "-n", "a1", "-f", job.toString(),
        "-Dflume.root.logger=INFO,console");
    ProcessBuilder builder = AgentCommandLine.flumeNg(args);
    if ("root".equals(System.getProperty("user.name"))) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
      List<String> command = new ArrayList<>(List.of("setpriv", DROP_ROOTS_FILE_ACCESS));
      command.addAll(builder.command());
      builder.command(command);
    }
    output = dir.resolve("agent.out");
    agent = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }

  private List<String> output() throws IOException {
    return Files.readAllLines(output, StandardCharsets.UTF_8);
  }

  private void awaitOutput(String text) {
    await().atMost(WAIT).alias(text).until(() -> {
      assertThat(agent.isAlive()).as("agent running; its output:\n%s", output()).isTrue();
      return output().stream().anyMatch(line -> line.contains(text));
    });
  }

  /** A file with a modification time {@code order} minutes in the past, so oldest goes first. */
  private static Path write(Path file, String text, int order) throws IOException {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.fromMillis(
        System.currentTimeMillis() - (10 - order) * 60_000L));
    return file;
  }
}
