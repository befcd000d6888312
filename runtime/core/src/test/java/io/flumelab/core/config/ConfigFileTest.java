package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.STRICT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defects 8 and 9 of issue 9: a directory or /dev/null as the configuration was "no such file",
 * /dev/zero ran out of memory and a FIFO blocked forever. Each is one problem saying what the path
 * is, found without reading it.
 */
class ConfigFileTest {

  private static final Duration QUICKLY = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private String problem(Path file) {
    CheckReport report = assertTimeoutPreemptively(QUICKLY,
        () -> AgentConfigurations.check(file, "a1", STRICT));
    assertThat(report.problems()).hasSize(1);
    return report.problems().get(0).render();
  }

  @Test
  void aDirectoryIsNotAConfigurationFile() {
    assertThat(problem(dir)).isEqualTo(dir + ": is a directory, not a configuration file."
        + " Give the file itself with -f, e.g. " + dir.resolve("flume.conf") + ".");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void devNullIsNotARegularFile() {
    assertThat(problem(Path.of("/dev/null"))).isEqualTo("/dev/null: is not a regular file"
        + " (a device, pipe or socket). Write the configuration to a file and give that with -f.");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void devZeroIsRefusedWithoutReadingIt() {
    assertThat(problem(Path.of("/dev/zero"))).startsWith("/dev/zero: is not a regular file");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("conf.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    assertThat(problem(fifo)).startsWith(fifo + ": is not a regular file");
  }

  @Test
  void anEmptyFileSaysItIsEmpty() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.conf"));

    assertThat(problem(empty)).isEqualTo(empty + ": is empty. Write the agent's configuration"
        + " in it (a1.sources = r1 ...), or check the path given with -f.");
  }

  @Test
  void aFileOverTenMegabytesIsRefusedWithoutReadingIt() throws IOException {
    Path huge = dir.resolve("huge.conf");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(ConfigFiles.MAX_BYTES + 1); // sparse: takes no disk
    }

    assertThat(problem(huge)).isEqualTo(huge + ": is 10485761 bytes, more than the 10485760"
        + " bytes (10 MB) a configuration may have. Check the path given with -f (--conf-file).");
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThat(problem(dir.resolve("nope.conf"))).isEqualTo(dir.resolve("nope.conf")
        + ": no such file. Check the path given with -f (--conf-file).");
  }
}
