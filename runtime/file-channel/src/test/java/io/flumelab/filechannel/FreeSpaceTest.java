package io.flumelab.filechannel;

import static io.flumelab.filechannel.TestChannels.drain;
import static io.flumelab.filechannel.TestChannels.event;
import static io.flumelab.filechannel.TestChannels.putCommitted;
import static io.flumelab.filechannel.TestChannels.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills: puts are refused before it does (minimumRequiredSpace), and a write that
 * meets a full disk anyway fails its commit alone, leaving the log as it was.
 */
class FreeSpaceTest {

  @TempDir
  Path dir;

  private final List<FileChannel> running = new ArrayList<>();
  private Path mounted;

  @AfterEach
  void cleanUp() throws Exception {
    running.forEach(FileChannel::stop);
    if (mounted != null) {
      run("umount", mounted.toString());
    }
  }

  private FileChannel start(Path base, String... settings) {
    FileChannel channel = started(base, settings);
    running.add(channel);
    return channel;
  }

  private static Event kilobyte(int n) {
    Event event = event("");
    byte[] body = new byte[1024];
    body[0] = (byte) n;
    event.setBody(body);
    return event;
  }

  /** Commits ten 1 KB events; false when the commit failed and was rolled back. */
  private static boolean commitTenKilobytes(FileChannel channel, int n, List<String> errors) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      for (int i = 0; i < 10; i++) {
        channel.put(kilobyte(n));
      }
      tx.commit();
      return true;
    } catch (ChannelException e) {
      errors.add(e.getMessage());
      tx.rollback();
      return false;
    } finally {
      tx.close();
    }
  }

  @Test
  void putsAreRefusedWhenTheDiskHasLessThanTheMinimumAndTakesGoOn() {
    FileChannel channel = start(dir);
    putCommitted(channel, "before");
    channel.stop();
    running.clear();
    long free = new FreeSpaceGuard("c1", dir, 0).freeNow();
    FileChannel full = start(dir, "minimumRequiredSpace", String.valueOf(free * 4));

    List<String> errors = new ArrayList<>();
    assertThat(commitTenKilobytes(full, 1, errors)).isFalse();

    assertThat(errors).singleElement().satisfies(e -> assertThat(e).matches("channel c1: only "
        + "[0-9.]+ [KMGT]B free in " + dir.resolve("data").toString().replace(".", "\\.")
        + " \\(minimumRequiredSpace [0-9.]+ [KMGT]B\\): free space or lower "
        + "minimumRequiredSpace; puts are refused until then"));
    assertThat(full.getCounter().get("EventPutErrorCount")).isZero(); // refused, not failed
    assertThat(drain(full)).containsExactly("before");
  }

  @Test
  void onASmallFileSystemPutsStopBeforeItFills() throws Exception {
    Path small = mountTmpfs("2m");
    FileChannel channel = start(small, "minimumRequiredSpace", String.valueOf(1024 * 1024));
    List<String> errors = new ArrayList<>();
    int committed = 0;
    while (commitTenKilobytes(channel, committed, errors)) {
      committed++;
    }

    assertThat(errors).singleElement().satisfies(e -> assertThat(e)
        .startsWith("channel c1: only ").contains(" free in " + small.resolve("data")));
    assertThat(committed).isBetween(50, 110);
    assertThat(drain(channel)).hasSize(committed * 10);
  }

  @Test
  void aWriteThatMeetsAFullDiskFailsItsCommitAloneAndTheLogStaysSound() throws Exception {
    Path small = mountTmpfs("2m");
    Path filler = small.resolve("filler");
    FileChannel channel = start(small, "minimumRequiredSpace", "0", "checkpointOnClose",
        "false", "checkpointDir", dir.resolve("checkpoint").toString());
    Files.write(filler, new byte[1400 * 1024]);
    List<String> errors = new ArrayList<>();
    int committed = 0;
    while (commitTenKilobytes(channel, committed, errors)) {
      committed++;
    }
    assertThat(errors).singleElement().satisfies(e -> assertThat(e)
        .startsWith("channel c1: cannot write to " + small.resolve("data").resolve("log-0"))
        .contains("No space left on device").contains("The transaction was not committed"));
    assertThat(channel.getCounter().get("EventPutErrorCount")).isEqualTo(1);

    Files.delete(filler);
    assertThat(commitTenKilobytes(channel, 999, errors)).as("a put once there is room").isTrue();
    channel.stop();
    running.clear();

    FileChannel recovered = start(small, "checkpointDir", dir.resolve("checkpoint").toString());
    assertThat(recovered.lastRecovery().damage()).as("the failed write left no torn bytes")
        .isEmpty();
    List<String> bodies = drain(recovered);
    assertThat(bodies).hasSize((committed + 1) * 10);
    assertThat(bodies.stream().map(b -> (int) b.getBytes(StandardCharsets.ISO_8859_1)[0])
        .distinct().count()).isEqualTo(committed + 1);
  }

  /** A tmpfs of this size under the test's directory, or the test is skipped saying why. */
  private Path mountTmpfs(String size) throws Exception {
    Path mountPoint = Files.createDirectories(dir.resolve("small-fs"));
    String failure;
    try {
      Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs",
          mountPoint.toString()).redirectErrorStream(true).start();
      boolean ended = mount.waitFor(30, TimeUnit.SECONDS);
      String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      failure = !ended ? "mount did not finish" : mount.exitValue() != 0 ? output.strip() : null;
    } catch (IOException e) {
      failure = e.getMessage();
    }
    Assumptions.assumeTrue(failure == null, "a small file system is needed and mounting a tmpfs"
        + " is not allowed here (it takes root, outside a container that forbids mount): "
        + failure);
    mounted = mountPoint;
    return mountPoint;
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
