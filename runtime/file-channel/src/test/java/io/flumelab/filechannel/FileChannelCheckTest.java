package io.flumelab.filechannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.config.Problem;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.testkit.ComponentTestKit;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** What {@code flume-ng check} says about a file channel, and the component contract. */
class FileChannelCheckTest {

  private static final String HEAD = String.join("\n",
      "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
      "a1.sources.r1.type = seq", "a1.sources.r1.channels = c1",
      "a1.sinks.k1.type = null", "a1.sinks.k1.channel = c1",
      "a1.channels.c1.type = file", "");

  @TempDir
  Path dir;

  private CheckReport check(String... channelLines) {
    return AgentConfigurations.check("job.conf", HEAD
        + "a1.channels.c1.checkpointDir = " + dir.resolve("checkpoint") + "\n"
        + "a1.channels.c1.dataDirs = " + dir.resolve("data") + "\n"
        + String.join("\n", channelLines) + "\n",
        "a1", AgentConfigurations.Options.defaults().withResourceChecks(false));
  }

  private static String rendered(CheckReport report) {
    return String.join("\n", report.problems().stream().map(Problem::render).toList());
  }

  @TestFactory
  Stream<DynamicNode> contract(@TempDir Path kitDir) {
    return ComponentTestKit.of(new FileChannelCatalog())
        .with(ComponentKind.CHANNEL, "file", channelDir -> Map.of(
            "checkpointDir", channelDir.resolve("checkpoint").toString(),
            "dataDirs", channelDir.resolve("data").toString(),
            "minimumRequiredSpace", "0"))
        .tests(kitDir);
  }

  @Test
  void flumesUserGuideExampleHasNoProblem() {
    CheckReport report = check("a1.channels.c1.capacity = 1000000",
        "a1.channels.c1.transactionCapacity = 10000", "a1.channels.c1.checkpointInterval = 30000",
        "a1.channels.c1.maxFileSize = 2146435071",
        "a1.channels.c1.minimumRequiredSpace = 524288000",
        "a1.channels.c1.keep-alive = 3", "a1.channels.c1.checkpointOnClose = true",
        "a1.channels.c1.fsyncPerTransaction = true", "a1.channels.c1.fsyncInterval = 5");
    assertThat(report.problems()).as(rendered(report)).isEmpty();
  }

  @Test
  void flumesClassNameIsTheSameType() {
    CheckReport report = AgentConfigurations.check("job.conf", HEAD.replace("type = file",
        "type = org.apache.flume.channel.file.FileChannel")
        + "a1.channels.c1.checkpointDir = " + dir.resolve("checkpoint") + "\n"
        + "a1.channels.c1.dataDirs = " + dir.resolve("data") + "\n", "a1",
        AgentConfigurations.Options.defaults().withResourceChecks(false));
    assertThat(report.problems()).as(rendered(report)).isEmpty();
  }

  @Test
  void flumesKeysThatDoNothingHereAreWarningsSayingWhy() {
    CheckReport report = check("a1.channels.c1.use-log-replay-v1 = false",
        "a1.channels.c1.use-fast-replay = true", "a1.channels.c1.compressBackupCheckpoint = true",
        "a1.channels.c1.checkpoint-timeout = 600", "a1.channels.c1.write-timeout = 30");

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).extracting(Problem::render).containsExactly(
        "job.conf:11: warning: a1.channels.c1.use-log-replay-v1: 'use-log-replay-v1' has no "
            + "effect in FlumeLab: FlumeLab has one replay: from the checkpoint's position, "
            + "transactions applied at their COMMIT; Flume 1.2's replay logic does not exist "
            + "here. Remove use-log-replay-v1.",
        "job.conf:12: warning: a1.channels.c1.use-fast-replay: 'use-fast-replay' has no effect "
            + "in FlumeLab: without a checkpoint FlumeLab replays the whole log in one pass with "
            + "the queue in memory, which is what Flume's fast replay did. Remove "
            + "use-fast-replay.",
        "job.conf:13: warning: a1.channels.c1.compressBackupCheckpoint: "
            + "'compressBackupCheckpoint' has no effect in FlumeLab: a FlumeLab checkpoint holds "
            + "only the queued events' pointers (8 bytes each), not Flume's full-capacity array,"
            + " so there is little to compress. Remove compressBackupCheckpoint.",
        "job.conf:14: warning: a1.channels.c1.checkpoint-timeout: 'checkpointTimeout' (or "
            + "checkpoint-timeout) has no effect in FlumeLab: a checkpoint never stops commits "
            + "for longer than it takes to copy the queue's pointers, so there is nothing to time"
            + " out. Remove checkpointTimeout.",
        "job.conf:15: warning: a1.channels.c1.write-timeout: 'write-timeout' has no effect in "
            + "FlumeLab: commits do not wait for a lock held by a checkpoint (Flume 1.3's reason "
            + "for it). Remove write-timeout.");
  }

  @Test
  void encryptionIsRefusedWithWhatToDoInstead() {
    CheckReport report = check("a1.channels.c1.encryption.activeKey = key-0",
        "a1.channels.c1.encryption.cipherProvider = AESCTRNOPADDING",
        "a1.channels.c1.encryption.keyProvider = JCEKSFILE",
        "a1.channels.c1.encryption.keyProvider.keyStoreFile = /etc/flume/keys.jceks");

    assertThat(report.errors()).extracting(Problem::render).containsExactly(
        "job.conf:11: a1.channels.c1.encryption.activeKey: file channel c1: "
            + "encryption.activeKey is refused: FlumeLab's file channel does not encrypt: keep "
            + "the checkpoint and data directories on an encrypted file system (LUKS, fscrypt) "
            + "for data at rest. Remove every encryption.* key of this channel.");
    assertThat(rendered(check("a1.channels.c1.encryption.keyProvider.keys = key-0")))
        .contains("a1.channels.c1.encryption.keyProvider.keys: file channel c1: "
            + "encryption.keyProvider.keys is refused: FlumeLab's file channel does not encrypt");
  }

  @Test
  void dualCheckpointsNeedABackupDirectoryOfTheirOwn() {
    assertThat(rendered(check("a1.channels.c1.useDualCheckpoints = true"))).isEqualTo(
        "job.conf:8: a1.channels.c1.backupCheckpointDir: file channel c1: useDualCheckpoints is"
            + " true but backupCheckpointDir is not set. Add backupCheckpointDir = a directory "
            + "other than checkpointDir (best on another disk), or set useDualCheckpoints = "
            + "false.");
    assertThat(rendered(check("a1.channels.c1.useDualCheckpoints = true",
        "a1.channels.c1.backupCheckpointDir = " + dir.resolve("checkpoint")))).contains(
        "backupCheckpointDir is the same directory as checkpointDir");
  }

  @Test
  void aDataDirectoryCannotAlsoBeTheCheckpointDirectory() {
    CheckReport report = AgentConfigurations.check("job.conf", HEAD
        + "a1.channels.c1.checkpointDir = " + dir + "\n"
        + "a1.channels.c1.dataDirs = " + dir.resolve("data") + ", " + dir + "/\n", "a1",
        AgentConfigurations.Options.defaults().withResourceChecks(false));

    assertThat(report.errors()).extracting(Problem::message).containsExactly(
        "file channel c1: dataDirs names " + dir + ", which is also the checkpointDir");
  }

  @Test
  void aTildeIsAWarningSinceNothingExpandsIt() {
    CheckReport report = check("a1.channels.c1.backupCheckpointDir = ~/backup");
    assertThat(report.warnings()).extracting(Problem::message).containsExactly(
        "'~/backup' starts with ~, which neither Flume nor the JVM expands: it names a directory"
            + " called ~ under the agent's working directory");
  }

  @Test
  void numbersAreCheckedAtTheirLine() {
    CheckReport report = check("a1.channels.c1.capacity = 0",
        "a1.channels.c1.maxFileSize = 4294967296", "a1.channels.c1.minimumRequiredSpace = 1000",
        "a1.channels.c1.fsyncInterval = 0");
    assertThat(report.errors()).extracting(Problem::key).containsExactlyInAnyOrder(
        "a1.channels.c1.capacity", "a1.channels.c1.fsyncInterval");
    assertThat(report.warnings()).extracting(Problem::key).containsExactlyInAnyOrder(
        "a1.channels.c1.maxFileSize", "a1.channels.c1.minimumRequiredSpace");
    assertThat(rendered(check("a1.channels.c1.capacity = 10",
        "a1.channels.c1.transactionCapacity = 100"))).contains(
        "transactionCapacity (100) is larger than capacity (10)");
  }
}
