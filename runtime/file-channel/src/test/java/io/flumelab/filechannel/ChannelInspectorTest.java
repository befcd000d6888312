package io.flumelab.filechannel;

import static io.flumelab.filechannel.LogFiles.flip;
import static io.flumelab.filechannel.LogFiles.records;
import static io.flumelab.filechannel.LogFiles.segment;
import static io.flumelab.filechannel.TestChannels.putCommitted;
import static io.flumelab.filechannel.TestChannels.started;
import static io.flumelab.filechannel.TestChannels.takeCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.filechannel.ChannelInspector.Inspection;
import io.flumelab.filechannel.LogFiles.RecordAt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline inspector behind {@code flume-ng channel-inspect}. */
class ChannelInspectorTest {

  @TempDir
  Path dir;

  private Inspection inspect() {
    return ChannelInspector.inspect(dir.resolve("checkpoint"), null, List.of(dir.resolve("data")));
  }

  /** Every file's bytes, to show that inspecting changed nothing. */
  private Map<Path, String> snapshot() throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        files.put(file, Files.size(file) + ":" + Arrays.hashCode(Files.readAllBytes(file))
            + ":" + Files.getLastModifiedTime(file));
      }
    }
    return files;
  }

  @Test
  void aCleanChannelShowsItsQueueSegmentsAndCheckpoint() throws IOException {
    FileChannel channel = started(dir, "maxFileSize", "2000", "checkpointOnClose", "false");
    putCommitted(channel, "e", 100, 10);
    takeCommitted(channel, 30);
    channel.stop();
    Map<Path, String> before = snapshot();

    Inspection inspection = inspect();

    assertThat(inspection.exitStatus()).isEqualTo(ChannelInspector.CLEAN);
    String text = inspection.render();
    assertThat(text).contains("File channel in " + dir.resolve("checkpoint") + " and "
        + dir.resolve("data"))
        .contains("Checkpoint: " + CheckpointFile.in(dir.resolve("checkpoint")))
        .contains("  position  log-0 @ 16 (a start replays the log from there)")
        .contains("Events queued: 70, 0 in the checkpoint, then 11 transactions replayed "
            + "(100 puts, 30 takes)")
        .contains("Integrity: clean.");
    assertThat(inspection.lines()).as("segments with their live events").containsSubsequence(
        "  segment              size    records  live events  directory")
        .anySatisfy(line -> assertThat(line).matches("  log-0 +[0-9.]+ KB +\\d+ +30  "
            + dir.resolve("data")))
        .anySatisfy(line -> assertThat(line).matches("  log-1 +[0-9.]+ KB +\\d+ +40  "
            + dir.resolve("data")));
    assertThat(text).doesNotContain("In use by");
    assertThat(snapshot()).as("the files after inspecting").isEqualTo(before);
  }

  @Test
  void eachDamagedRecordIsNamedWithItsFileAndOffsetAndTheStatusIsNotZero() throws IOException {
    FileChannel channel = started(dir, "checkpointOnClose", "false");
    putCommitted(channel, "e", 30, 10);
    channel.stop();
    Path log = segment(dir.resolve("data"), 0);
    RecordAt damaged = records(log, LogRecords.PUT).get(4);
    flip(log, damaged.offset() + 2);
    Map<Path, String> before = snapshot();

    Inspection inspection = inspect();

    assertThat(inspection.exitStatus()).isEqualTo(ChannelInspector.DAMAGED);
    assertThat(inspection.render())
        .contains("Integrity: 1 damaged region, 1 committed event lost")
        .contains("  DAMAGED " + log + " offset " + damaged.offset() + ": checksum mismatch")
        .contains("  ERROR   " + log + ": transaction");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aRunningChannelIsReportedNotWaitedFor() {
    FileChannel channel = started(dir);
    try {
      putCommitted(channel, "e", 5, 5);

      Inspection inspection = inspect();

      assertThat(inspection.lines()).anySatisfy(line -> assertThat(line)
          .startsWith("In use by pid " + ProcessHandle.current().pid() + ", channel c1, since ")
          .endsWith(" (this process) (" + dir.resolve("checkpoint") + ", " + dir.resolve("data")
              + "): a running channel; these are its files as they are now, still being written."
              + " Nothing is changed or locked."));
      assertThat(inspection.render()).contains("Events queued: 5");
    } finally {
      channel.stop();
    }
  }

  @Test
  void directoriesThatDoNotExistAreUnreadable() {
    Inspection inspection = inspect();

    assertThat(inspection.exitStatus()).isEqualTo(ChannelInspector.UNREADABLE);
    assertThat(inspection.render()).contains("Nothing to inspect: neither "
        + dir.resolve("checkpoint") + " nor " + dir.resolve("data") + " is a directory");
  }
}
