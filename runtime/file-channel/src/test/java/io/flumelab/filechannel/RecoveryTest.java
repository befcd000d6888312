package io.flumelab.filechannel;

import static io.flumelab.filechannel.LogFiles.flip;
import static io.flumelab.filechannel.LogFiles.records;
import static io.flumelab.filechannel.LogFiles.segment;
import static io.flumelab.filechannel.LogFiles.truncate;
import static io.flumelab.filechannel.TestChannels.drain;
import static io.flumelab.filechannel.TestChannels.numbered;
import static io.flumelab.filechannel.TestChannels.putCommitted;
import static io.flumelab.filechannel.TestChannels.started;
import static io.flumelab.filechannel.TestChannels.takeCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.filechannel.LogFiles.RecordAt;
import io.flumelab.filechannel.RecoveryReport.Finding;
import io.flumelab.filechannel.RecoveryReport.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery from what crashes, disks and people do to the files: each case keeps what can be kept,
 * and says what was lost or replayed.
 */
class RecoveryTest {

  /** About six transactions of ten small events per segment. */
  private static final String SMALL_SEGMENTS = "2000";

  @TempDir
  Path dir;

  private final List<FileChannel> running = new ArrayList<>();

  @AfterEach
  void stop() {
    running.forEach(FileChannel::stop);
  }

  private FileChannel start(String... settings) {
    FileChannel channel = started(dir, settings);
    running.add(channel);
    return channel;
  }

  private void stop(FileChannel channel) {
    channel.stop();
    running.remove(channel);
  }

  private Path data() {
    return dir.resolve("data");
  }

  private Path checkpoint() {
    return CheckpointFile.in(dir.resolve("checkpoint"));
  }

  private static List<String> messages(RecoveryReport report, Level level) {
    return report.findings().stream().filter(f -> f.level() == level).map(Finding::message)
        .toList();
  }

  @Test
  void aTornLastRecordLosesOnlyItsUnacknowledgedTransaction() throws IOException {
    FileChannel channel = start("checkpointOnClose", "false");
    putCommitted(channel, "first", 10, 10);
    putCommitted(channel, "torn", 10, 10);
    stop(channel);
    Path log = segment(data(), 0);
    RecordAt lastCommit = records(log).get(records(log).size() - 1);
    truncate(log, lastCommit.offset() + 5); // the crash came in the middle of the COMMIT

    FileChannel recovered = start();

    RecoveryReport report = recovered.lastRecovery();
    assertThat(drain(recovered)).isEqualTo(numbered("first", 10));
    assertThat(report.damage()).singleElement().satisfies(damage -> {
      assertThat(damage.file()).isEqualTo(log);
      assertThat(damage.offset()).isEqualTo(lastCommit.offset());
      assertThat(damage.tornTail()).isTrue();
    });
    assertThat(report.isClean()).as("a torn tail loses nothing acknowledged").isTrue();
    assertThat(messages(report, Level.INFO)).anySatisfy(m -> assertThat(m)
        .contains("transaction").contains("(10 puts, 0 takes) has no COMMIT"));
    assertThat(messages(report, Level.INFO)).anySatisfy(m -> assertThat(m)
        .startsWith("cut the torn tail of " + log));
    assertThat(Files.size(log)).as("cut back to the last good record")
        .isEqualTo(records(log).get(records(log).size() - 1).end());
  }

  @Test
  void aSegmentKilledBeforeItsHeaderHeldNothingAndIsRemovedWithoutAnError() throws IOException {
    FileChannel channel = start("checkpointOnClose", "false");
    putCommitted(channel, "kept", 10, 10);
    stop(channel);
    // killed between creating the next segment's file and writing its header
    Path unfinished = data().resolve("log-7");
    Files.write(unfinished, new byte[5]);

    FileChannel recovered = start();

    assertThat(drain(recovered)).isEqualTo(numbered("kept", 10));
    RecoveryReport report = recovered.lastRecovery();
    assertThat(report.isClean()).isTrue();
    assertThat(messages(report, Level.ERROR)).isEmpty();
    assertThat(messages(report, Level.INFO)).anySatisfy(m -> assertThat(m)
        .startsWith(unfinished + " holds 5 of its 16 header bytes").endsWith("; removed"));
    assertThat(unfinished).as("removed, so later starts do not report it again").doesNotExist();
  }

  @Test
  void aFlippedByteInTheMiddleOfASegmentLosesOnlyItsRecord() throws IOException {
    FileChannel channel = start("checkpointOnClose", "false");
    putCommitted(channel, "a", 10, 10);
    putCommitted(channel, "b", 10, 10);
    putCommitted(channel, "c", 10, 10);
    stop(channel);
    Path log = segment(data(), 0);
    RecordAt damaged = records(log, LogRecords.PUT).get(15); // b5
    flip(log, damaged.offset() + damaged.length() - 3); // a byte of its body

    FileChannel recovered = start();

    List<String> expected = new ArrayList<>(numbered("a", 10));
    expected.addAll(numbered("b", 10));
    expected.remove("b5");
    expected.addAll(numbered("c", 10));
    assertThat(drain(recovered)).isEqualTo(expected);
    RecoveryReport report = recovered.lastRecovery();
    assertThat(report.eventsLost()).isEqualTo(1);
    assertThat(report.damage()).singleElement().satisfies(damage -> {
      assertThat(damage.file()).isEqualTo(log);
      assertThat(damage.offset()).isEqualTo(damaged.offset());
      assertThat(damage.length()).isEqualTo(damaged.length());
      assertThat(damage.problem()).startsWith("checksum mismatch");
      assertThat(damage.tornTail()).isFalse();
    });
    assertThat(messages(report, Level.ERROR)).anySatisfy(m -> assertThat(m)
        .contains("committed 10 puts and 0 takes, of which 9 and 0 are readable")
        .contains("1 event is lost"));
  }

  @Test
  void aTransactionWhoseCommitIsDamagedIsNotReplayedAndSaysSo() throws IOException {
    FileChannel channel = start("checkpointOnClose", "false");
    putCommitted(channel, "a", 10, 10);
    putCommitted(channel, "b", 10, 10);
    putCommitted(channel, "c", 10, 10);
    stop(channel);
    Path log = segment(data(), 0);
    RecordAt commit = records(log, LogRecords.COMMIT).get(1);
    flip(log, commit.offset() + 20);

    FileChannel recovered = start();

    List<String> expected = new ArrayList<>(numbered("a", 10));
    expected.addAll(numbered("c", 10));
    assertThat(drain(recovered)).isEqualTo(expected);
    assertThat(messages(recovered.lastRecovery(), Level.ERROR)).anySatisfy(m -> assertThat(m)
        .contains("(10 puts, 0 takes) has no readable COMMIT")
        .contains("after a damaged region").contains("its 10 events are lost"));
  }

  @Test
  void withoutACheckpointTheWholeLogIsReplayed() throws IOException {
    FileChannel channel = start();
    putCommitted(channel, "e", 50, 10);
    takeCommitted(channel, 20);
    stop(channel);
    Files.delete(checkpoint());

    FileChannel recovered = start();

    RecoveryReport report = recovered.lastRecovery();
    assertThat(report.checkpoint()).isNull();
    assertThat(report.isClean()).isTrue();
    assertThat(report.replayedPuts()).isEqualTo(50);
    assertThat(report.replayedTakes()).isEqualTo(20);
    assertThat(drain(recovered)).isEqualTo(numbered("e", 50).subList(20, 50));
    assertThat(Files.exists(checkpoint())).as("a fresh checkpoint").isTrue();
  }

  @Test
  void withoutACheckpointAfterSegmentsWereDeletedTheReplayIsStillExact() throws IOException {
    FileChannel channel = start("maxFileSize", SMALL_SEGMENTS);
    putCommitted(channel, "e", 300, 10);
    assertThat(drain(channel)).hasSize(300);
    putCommitted(channel, "late", 20, 10);
    channel.checkpointNow(); // deletes the emptied segments
    takeCommitted(channel, 5);
    stop(channel);
    assertThat(Files.exists(segment(data(), 0))).isFalse();
    Files.delete(checkpoint());

    FileChannel recovered = start("maxFileSize", SMALL_SEGMENTS);

    assertThat(recovered.lastRecovery().isClean()).isTrue();
    assertThat(drain(recovered)).isEqualTo(numbered("late", 20).subList(5, 20));
  }

  @Test
  void aCheckpointOlderThanTheLogIsBroughtUpToDateByReplay() throws IOException {
    FileChannel channel = start("maxFileSize", SMALL_SEGMENTS);
    putCommitted(channel, "e", 100, 10);
    channel.checkpointNow();
    Path old = Files.copy(checkpoint(), dir.resolve("old-checkpoint"));
    takeCommitted(channel, 100);
    putCommitted(channel, "f", 100, 10);
    takeCommitted(channel, 30);
    channel.checkpointNow(); // deletes the segments of e0..e99
    stop(channel);
    Files.copy(old, checkpoint(), StandardCopyOption.REPLACE_EXISTING);

    FileChannel recovered = start("maxFileSize", SMALL_SEGMENTS);

    RecoveryReport report = recovered.lastRecovery();
    assertThat(drain(recovered)).isEqualTo(numbered("f", 100).subList(30, 100));
    assertThat(report.eventsLost()).isZero();
    assertThat(messages(report, Level.ERROR)).isEmpty();
    assertThat(messages(report, Level.WARNING)).anySatisfy(m -> assertThat(m)
        .startsWith("the checkpoint is older than the log")
        .contains("which the channel deleted after a later checkpoint"));
  }

  @Test
  void eventsOfASegmentDeletedByHandAreReportedLostAndTheRestKept() throws IOException {
    FileChannel channel = start("maxFileSize", SMALL_SEGMENTS);
    putCommitted(channel, "e", 300, 10);
    stop(channel); // the checkpoint holds pointers into every segment
    int putsOfLog0 = records(segment(data(), 0), LogRecords.PUT).size();
    List<RecordAt> putsOfLog1 = records(segment(data(), 1), LogRecords.PUT);
    Files.delete(segment(data(), 1));
    List<String> expected = new ArrayList<>(numbered("e", 300));
    expected.subList(putsOfLog0, putsOfLog0 + putsOfLog1.size()).clear();

    FileChannel recovered = start("maxFileSize", SMALL_SEGMENTS);

    RecoveryReport report = recovered.lastRecovery();
    assertThat(drain(recovered)).isEqualTo(expected);
    assertThat(report.eventsLost()).isEqualTo(putsOfLog1.size());
    assertThat(messages(report, Level.ERROR)).containsExactly(putsOfLog1.size()
        + " committed events are lost: log-1 is missing (not deleted by the channel)");
  }

  @Test
  void aCheckpointIntoAMissingSegmentReplaysWhatFollowsAndSaysWhatIsLost() throws IOException {
    FileChannel channel = start("maxFileSize", SMALL_SEGMENTS, "checkpointOnClose", "false");
    putCommitted(channel, "e", 200, 10); // the only checkpoint is the first one, in log-0
    stop(channel);
    Files.delete(segment(data(), 0));

    FileChannel recovered = start("maxFileSize", SMALL_SEGMENTS);

    RecoveryReport report = recovered.lastRecovery();
    List<String> left = drain(recovered);
    assertThat(left).isNotEmpty().hasSizeLessThan(200);
    assertThat(left.get(left.size() - 1)).isEqualTo("e199");
    assertThat(messages(report, Level.ERROR)).anySatisfy(m -> assertThat(m)
        .startsWith("the checkpoint's position is in log-0, which is missing")
        .contains("replaying from " + segment(data(), 1)));
    assertThat(report.isClean()).isFalse();
  }

  @Test
  void aCheckpointAheadOfItsSegmentSaysTheLogLostWrites() throws IOException {
    FileChannel channel = start("checkpointOnClose", "false");
    putCommitted(channel, "e", 20, 10);
    channel.checkpointNow();
    stop(channel);
    Path log = segment(data(), 0);
    truncate(log, records(log, LogRecords.COMMIT).get(0).end()); // the second batch vanished

    FileChannel recovered = start();

    RecoveryReport report = recovered.lastRecovery();
    assertThat(drain(recovered)).isEqualTo(numbered("e", 10));
    assertThat(report.eventsLost()).isEqualTo(10);
    assertThat(messages(report, Level.ERROR)).anySatisfy(m -> assertThat(m)
        .contains("shorter than the checkpoint's position"));
  }

  @Test
  void aDamagedCheckpointFallsBackToTheBackup() throws IOException {
    Path backup = dir.resolve("backup");
    String[] dual = {"useDualCheckpoints", "true", "backupCheckpointDir", backup.toString()};
    FileChannel channel = start(dual);
    putCommitted(channel, "e", 30, 10);
    takeCommitted(channel, 10);
    stop(channel);
    assertThat(Files.exists(CheckpointFile.in(backup))).isTrue();
    flip(checkpoint(), 40);

    FileChannel recovered = start(dual);

    RecoveryReport report = recovered.lastRecovery();
    assertThat(report.checkpointFile()).isEqualTo(CheckpointFile.in(backup));
    assertThat(messages(report, Level.WARNING)).anySatisfy(m -> assertThat(m)
        .startsWith("recovering from the backup checkpoint " + CheckpointFile.in(backup))
        .contains(checkpoint() + " fails its checksum"));
    assertThat(report.replayedTransactions()).isZero();
    assertThat(drain(recovered)).isEqualTo(numbered("e", 30).subList(10, 30));
  }

  @Test
  void aDamagedCheckpointWithoutABackupMeansAFullReplay() throws IOException {
    FileChannel channel = start();
    putCommitted(channel, "e", 30, 10);
    takeCommitted(channel, 10);
    stop(channel);
    truncate(checkpoint(), 30);

    FileChannel recovered = start();

    RecoveryReport report = recovered.lastRecovery();
    assertThat(report.checkpoint()).isNull();
    assertThat(messages(report, Level.WARNING)).anySatisfy(m -> assertThat(m)
        .startsWith("no usable checkpoint (" + checkpoint() + " is 30 bytes, too short"));
    assertThat(drain(recovered)).isEqualTo(numbered("e", 30).subList(10, 30));
  }

  @Test
  void aFileThatIsNotASegmentIsReportedAndLeftAlone() throws IOException {
    FileChannel channel = start();
    putCommitted(channel, "e", 10, 10);
    stop(channel);
    Files.writeString(data().resolve("log-7"), "not a segment at all");

    FileChannel recovered = start();

    assertThat(drain(recovered)).isEqualTo(numbered("e", 10));
    assertThat(messages(recovered.lastRecovery(), Level.ERROR)).anySatisfy(m -> assertThat(m)
        .startsWith(data().resolve("log-7") + " is not usable"));
    assertThat(recovered.store().writer.activeSegmentId()).as("never reuses its id")
        .isEqualTo(8);
  }
}
