package io.flumelab.filechannel;

import static io.flumelab.filechannel.TestChannels.configured;
import static io.flumelab.filechannel.TestChannels.drain;
import static io.flumelab.filechannel.TestChannels.putCommitted;
import static io.flumelab.filechannel.TestChannels.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.ChannelException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory in use by one channel is refused to any other, naming the owner. */
class DirectoryLockTest {

  @TempDir
  Path dir;

  private final List<FileChannel> running = new ArrayList<>();
  private Process other;

  @AfterEach
  void cleanUp() throws InterruptedException {
    running.forEach(FileChannel::stop);
    if (other != null) {
      other.destroyForcibly();
      other.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private FileChannel start(String name, Map<String, String> settings) {
    FileChannel channel = configured(name, settings);
    channel.start();
    running.add(channel);
    return channel;
  }

  @Test
  void aSecondChannelOnTheSameDirectoriesIsRefusedNamingTheOwner() {
    FileChannel first = start("c1", settings(dir));
    FileChannel second = configured("c2", settings(dir));

    assertThatThrownBy(second::start).isInstanceOf(ChannelException.class)
        .hasMessageStartingWith("channel c2: checkpointDir " + dir.resolve("checkpoint")
            + " is in use by pid " + ProcessHandle.current().pid() + ", channel c1, since ")
        .hasMessageEndingWith("(this process). Two file channels cannot share a directory: give "
            + "this channel its own checkpointDir and dataDirs, or stop the other agent");
    assertThat(second.getCounter().get("Unhealthy")).isEqualTo(1);
    assertThat(first.size()).isZero();
  }

  @Test
  void sharingOnlyADataDirectoryIsRefusedTooAndReleasesWhatWasLocked() {
    FileChannel first = start("c1", settings(dir.resolve("one"),
        "dataDirs", dir.resolve("shared").toString()));
    Map<String, String> secondSettings = settings(dir.resolve("two"),
        "dataDirs", dir.resolve("own") + "," + dir.resolve("shared"));
    FileChannel second = configured("c2", secondSettings);

    assertThatThrownBy(second::start).isInstanceOf(ChannelException.class)
        .hasMessageStartingWith("channel c2: dataDirs entry " + dir.resolve("shared")
            + " is in use by pid ");
    first.stop();
    running.remove(first);
    second.start(); // its checkpoint directory was released after the refusal
    running.add(second);
    putCommitted(second, "works");
    assertThat(drain(second)).containsExactly("works");
  }

  @Test
  void aDirectoryInUseByAnotherProcessIsRefusedUntilThatProcessEnds() throws Exception {
    other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldChannel.class.getName(), dir.toString())
        .redirectErrorStream(true).start();
    BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(),
        StandardCharsets.UTF_8));
    String line;
    while ((line = output.readLine()) != null && !line.equals("started")) {
      // log lines of the other channel's start
    }
    assertThat(line).as("the other process started its channel").isEqualTo("started");
    FileChannel mine = configured("mine", settings(dir));

    assertThatThrownBy(mine::start).isInstanceOf(ChannelException.class)
        .hasMessageStartingWith("channel mine: checkpointDir " + dir.resolve("checkpoint")
            + " is in use by pid " + other.pid() + ", channel c1, since ");
    assertThat(Files.readString(dir.resolve("checkpoint").resolve(DirectoryLock.NAME)))
        .startsWith("pid " + other.pid());

    other.destroyForcibly(); // a crash: the operating system drops the lock
    assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
    mine.start();
    running.add(mine);
    assertThat(Files.readString(dir.resolve("checkpoint").resolve(DirectoryLock.NAME)))
        .startsWith("pid " + ProcessHandle.current().pid() + ", channel mine");
  }
}
