package io.flumelab.filechannel;

import static io.flumelab.core.spi.ComponentKind.CHANNEL;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.TransactionCapacitySupported;
import io.flumelab.core.spi.BasicChannelSemantics;
import io.flumelab.core.spi.BasicTransactionSemantics;
import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.WaitableChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A channel kept in files (types {@code file} and Flume's
 * {@code org.apache.flume.channel.file.FileChannel}) with Flume 1.11's keys and defaults: what it
 * holds survives a stop, a crash ({@code kill -9}) and, with {@code fsyncPerTransaction}, a power
 * loss, from the moment a commit returns.
 *
 * <p>This class is the component: its keys, its lifecycle, its counters. The files are a
 * {@link ChannelStore}'s (recovery, log, queue, checkpoints), opened at start and closed at stop;
 * a transaction is a {@link FileTransaction}. The design and the on-disk format are described in
 * docs/file-channel.md.
 *
 * <p>{@code take()} on an empty channel returns null at once, as Flume's file channel does (unlike
 * the memory channel, it has no keep-alive for takes, so custom sinks written for Flume expect
 * nothing else); sinks wait for the next commit through {@link WaitableChannel}.
 *
 * <p>Deviations from Flume, on purpose: one transaction may put and take; bad numbers are
 * configuration errors instead of falling back to defaults; puts are refused before a disk fills
 * but takes never are; encryption is refused.
 */
public class FileChannel extends BasicChannelSemantics
    implements Configurable, Counted, WaitableChannel, TransactionCapacitySupported {

  private static final String HOME = System.getProperty("user.home", "").replace('\\', '/');
  private static final Check<String> NO_TILDE = new Check<>("", value -> !value.strip()
      .startsWith("~") && !value.contains(",~") && !value.contains(", ~"),
      value -> "'" + value + "' starts with ~, which neither Flume nor the JVM expands: it names "
          + "a directory called ~ under the agent's working directory",
      "Write the full path, such as " + HOME + "/.flume/file-channel.");

  static final Setting<String> CHECKPOINT_DIR = Setting.string("checkpointDir")
      .defaultValue(() -> HOME + "/.flume/file-channel/checkpoint",
          "~/.flume/file-channel/checkpoint")
      .warnUnless(NO_TILDE)
      .doc("the directory of the checkpoint (the queue's pointers into the log) and its lock");
  static final Setting<String> DATA_DIRS = Setting.string("dataDirs")
      .defaultValue(() -> HOME + "/.flume/file-channel/data", "~/.flume/file-channel/data")
      .warnUnless(NO_TILDE)
      .doc("the directories of the log, separated by commas; segments take turns, so "
          + "directories on different disks share the writes");
  static final Setting<Boolean> USE_DUAL_CHECKPOINTS = Setting.bool("useDualCheckpoints")
      .defaultValue(false)
      .doc("also write each checkpoint to backupCheckpointDir, used when the first is damaged");
  static final Setting<String> BACKUP_CHECKPOINT_DIR = Setting.string("backupCheckpointDir")
      .warnUnless(NO_TILDE)
      .doc("where the backup checkpoint goes; required with useDualCheckpoints, not "
          + "checkpointDir (best on another disk)");
  static final Setting<Integer> CAPACITY = Setting.integer("capacity").defaultValue(1_000_000)
      .check(Check.atLeast(1)).doc("the most events the channel holds");
  static final Setting<Integer> TRANSACTION_CAPACITY = Setting.integer("transactionCapacity")
      .defaultValue(10_000).check(Check.atLeast(1))
      .doc("the most events one transaction puts or takes; at most capacity");
  static final Setting<Long> CHECKPOINT_INTERVAL = Setting.millis("checkpointInterval")
      .defaultValue(30_000L).check(Check.atLeast(1)).doc("time between checkpoints; a restart "
          + "replays the log written since the last one");
  /** Flume's largest segment: an int offset with 1 MB to spare. */
  static final long MAX_SEGMENT_BYTES = 2_146_435_071L;
  static final Setting<Long> MAX_FILE_SIZE = Setting.longValue("maxFileSize")
      .defaultValue(MAX_SEGMENT_BYTES).check(Check.atLeast(1))
      .warnUnless(new Check<>("", value -> value <= MAX_SEGMENT_BYTES,
          value -> "maxFileSize " + value + " is above the largest segment, "
              + MAX_SEGMENT_BYTES + " bytes; it is lowered to that, as Flume does",
          "Write maxFileSize = " + MAX_SEGMENT_BYTES + " or less."))
      .doc("bytes after which the log goes on in a new segment (at most 2146435071)");
  /** Flume raises a smaller minimumRequiredSpace to this; FlumeLab takes it as written. */
  private static final long FLUME_SPACE_FLOOR = 1024 * 1024;
  static final Setting<Long> MINIMUM_REQUIRED_SPACE = Setting.longValue("minimumRequiredSpace")
      .defaultValue(524_288_000L).check(Check.atLeast(0))
      .warnUnless(new Check<>("", value -> value >= FLUME_SPACE_FLOOR,
          value -> "minimumRequiredSpace " + value + " is below 1 MB, which Flume raises it to; "
              + "FlumeLab takes it as written, so a write may meet a full disk: that commit "
              + "fails and is rolled back, and nothing committed is lost",
          "Keep at least 1048576 (1 MB) unless you mean to test a full disk."))
      .doc("bytes each data directory's disk keeps free: puts are refused, with an error naming "
          + "the directory, before a disk fills; 0 turns the check off");
  static final Setting<Long> KEEP_ALIVE = Setting.seconds("keep-alive").defaultValue(3L)
      .doc("how long a put waits for room before the channel is full");
  static final Setting<Boolean> FSYNC_PER_TRANSACTION = Setting.bool("fsyncPerTransaction")
      .defaultValue(true).doc("fsync the log before a commit returns (concurrent commits share "
          + "one); false commits once written and fsyncs every fsyncInterval, so a power loss "
          + "(not a crash of the agent) can lose that long of commits");
  static final Setting<Long> FSYNC_INTERVAL = Setting.seconds("fsyncInterval").defaultValue(5L)
      .check(Check.atLeast(1)).doc("seconds between fsyncs when fsyncPerTransaction is false");
  static final Setting<Boolean> CHECKPOINT_ON_CLOSE = Setting.bool("checkpointOnClose")
      .defaultValue(true)
      .doc("write a checkpoint when the channel stops, so the next start replays nothing");

  static final Setting<Boolean> USE_LOG_REPLAY_V1 = noEffect(Setting.bool("use-log-replay-v1"),
      "FlumeLab has one replay: from the checkpoint's position, transactions applied at their "
          + "COMMIT; Flume 1.2's replay logic does not exist here");
  static final Setting<Boolean> USE_FAST_REPLAY = noEffect(Setting.bool("use-fast-replay"),
      "without a checkpoint FlumeLab replays the whole log in one pass with the queue in "
          + "memory, which is what Flume's fast replay did");
  static final Setting<Boolean> COMPRESS_BACKUP_CHECKPOINT = noEffect(
      Setting.bool("compressBackupCheckpoint"), "a FlumeLab checkpoint holds only the queued "
          + "events' pointers (8 bytes each), not Flume's full-capacity array, so there is "
          + "little to compress");
  static final Setting<Long> CHECKPOINT_TIMEOUT = noEffect(
      Setting.longValue("checkpointTimeout").alias("checkpoint-timeout"), "a checkpoint never "
          + "stops commits for longer than it takes to copy the queue's pointers, so there is "
          + "nothing to time out");
  static final Setting<Long> WRITE_TIMEOUT = noEffect(Setting.longValue("write-timeout"),
      "commits do not wait for a lock held by a checkpoint (Flume 1.3's reason for it)");

  private static final String ENCRYPTION_REFUSED = "FlumeLab's file channel does not encrypt: "
      + "keep the checkpoint and data directories on an encrypted file system (LUKS, fscrypt) "
      + "for data at rest";
  static final Setting<String> ENCRYPTION_ACTIVE_KEY = Setting.string("encryption.activeKey")
      .doc("refused: " + ENCRYPTION_REFUSED);
  static final Setting<String> ENCRYPTION_CIPHER_PROVIDER =
      Setting.string("encryption.cipherProvider").doc("refused, as encryption.activeKey");
  static final Setting<String> ENCRYPTION_KEY_PROVIDER = Setting.string("encryption.keyProvider")
      .doc("refused, as encryption.activeKey");
  static final Setting<String> ENCRYPTION_KEY_STORE_FILE =
      Setting.string("encryption.keyProvider.keyStoreFile")
          .doc("refused, as encryption.activeKey");
  static final Setting<String> ENCRYPTION_KEY_STORE_PASSWORD_FILE =
      Setting.string("encryption.keyProvider.keyStorePasswordFile")
          .doc("refused, as encryption.activeKey");
  static final Setting<String> ENCRYPTION_KEYS = Setting.string("encryption.keyProvider.keys")
      .doc("refused, as encryption.activeKey");
  private static final List<Setting<String>> ENCRYPTION = List.of(ENCRYPTION_ACTIVE_KEY,
      ENCRYPTION_CIPHER_PROVIDER, ENCRYPTION_KEY_PROVIDER, ENCRYPTION_KEY_STORE_FILE,
      ENCRYPTION_KEY_STORE_PASSWORD_FILE, ENCRYPTION_KEYS);

  public static final ComponentSpec SPEC = ComponentSpec.builder(CHANNEL, "file",
          FileChannel.class)
      .flumeClass("org.apache.flume.channel.file.FileChannel")
      .settings(CHECKPOINT_DIR, DATA_DIRS, USE_DUAL_CHECKPOINTS, BACKUP_CHECKPOINT_DIR, CAPACITY,
          CHECKPOINT_INTERVAL, MAX_FILE_SIZE, MINIMUM_REQUIRED_SPACE, KEEP_ALIVE,
          FSYNC_PER_TRANSACTION, FSYNC_INTERVAL, CHECKPOINT_ON_CLOSE, USE_LOG_REPLAY_V1,
          USE_FAST_REPLAY, COMPRESS_BACKUP_CHECKPOINT, CHECKPOINT_TIMEOUT, WRITE_TIMEOUT)
      .settings(ENCRYPTION.toArray(Setting<?>[]::new))
      .transactionCapacity(TRANSACTION_CAPACITY)
      .build();

  private volatile FileChannelOptions options;
  private volatile ChannelStore store;
  /** Why the last start failed, for the transactions refused meanwhile. */
  private volatile String startFailure;
  private volatile FileChannelCounter counter;

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, "File channel " + getName());
    refuseEncryption(settings);
    for (Setting<?> ignored : List.of(USE_LOG_REPLAY_V1, USE_FAST_REPLAY,
        COMPRESS_BACKUP_CHECKPOINT, CHECKPOINT_TIMEOUT, WRITE_TIMEOUT)) {
      settings.get(ignored); // read, so that a bad value is reported; check warns they do nothing
    }
    int capacity = settings.get(CAPACITY);
    int transactionCapacity = settings.get(TRANSACTION_CAPACITY);
    if (transactionCapacity > capacity) {
      throw new ConfigurationException(TRANSACTION_CAPACITY.key(), "transactionCapacity ("
          + transactionCapacity + ") is larger than capacity (" + capacity + "); a full "
          + "transaction could never fit in the channel",
          "Set transactionCapacity to at most " + capacity + ", or raise capacity");
    }
    Path checkpointDir = path(settings.get(CHECKPOINT_DIR));
    List<Path> dataDirs = dataDirs(settings.get(DATA_DIRS));
    Path backupDir = null;
    String backupText = settings.get(BACKUP_CHECKPOINT_DIR);
    if (settings.get(USE_DUAL_CHECKPOINTS)) {
      if (backupText == null || backupText.isBlank()) {
        throw new ConfigurationException(BACKUP_CHECKPOINT_DIR.key(), "File channel " + getName()
            + ": useDualCheckpoints is true but backupCheckpointDir is not set",
            "Add backupCheckpointDir = a directory other than checkpointDir (best on another "
                + "disk), or set useDualCheckpoints = false");
      }
      backupDir = path(backupText);
    }
    checkDistinct(checkpointDir, backupDir, dataDirs);
    options = new FileChannelOptions(getName(), checkpointDir, backupDir, dataDirs, capacity,
        transactionCapacity, settings.get(CHECKPOINT_INTERVAL),
        Math.min(settings.get(MAX_FILE_SIZE), MAX_SEGMENT_BYTES),
        settings.get(MINIMUM_REQUIRED_SPACE), settings.get(KEEP_ALIVE),
        settings.get(FSYNC_PER_TRANSACTION), settings.get(FSYNC_INTERVAL),
        settings.get(CHECKPOINT_ON_CLOSE));
    counter().setChannelCapacity(capacity);
  }

  /**
   * Locks the directories, recovers the queue and opens the log. A failure (a directory in use or
   * not writable) throws a {@link ChannelException} saying what to do; the agent retries.
   */
  @Override
  public synchronized void start() {
    if (store != null) {
      return; // already running
    }
    if (options == null) {
      configure(new Context());
    }
    FileChannelCounter channelCounter = counter();
    try {
      store = ChannelStore.open(options, channelCounter);
    } catch (ChannelException e) {
      startFailure = e.getMessage();
      channelCounter.setUnhealthy(true);
      throw e;
    }
    startFailure = null;
    channelCounter.setUnhealthy(false);
    channelCounter.start();
    channelCounter.setChannelCapacity(options.capacity());
    channelCounter.setChannelSize(store.queue.size());
    super.start();
  }

  /** Writes a last checkpoint (with {@code checkpointOnClose}) and closes the files. */
  @Override
  public synchronized void stop() {
    ChannelStore current = store;
    if (current != null) {
      counter().setChannelSize(current.queue.size());
      store = null;
      current.close(options.checkpointOnClose());
    }
    counter().stop();
    super.stop();
  }

  @Override
  public ChannelCounter getCounter() {
    return counter();
  }

  @Override
  public long getTransactionCapacity() {
    return options == null ? TRANSACTION_CAPACITY.defaultValue() : options.transactionCapacity();
  }

  public int getCapacity() {
    return options == null ? CAPACITY.defaultValue() : options.capacity();
  }

  /** Committed events waiting to be taken; 0 while stopped. */
  public int size() {
    ChannelStore current = store;
    return current == null ? 0 : current.queue.size();
  }

  @Override
  public boolean awaitEvents(long timeoutMillis) throws InterruptedException {
    ChannelStore current = store;
    if (current == null) {
      if (timeoutMillis > 0) {
        Thread.sleep(Math.min(timeoutMillis, 100)); // not running: nothing will arrive
      }
      return false;
    }
    return current.queue.awaitEvents(timeoutMillis);
  }

  @Override
  protected BasicTransactionSemantics createTransaction() {
    return new FileTransaction(this);
  }

  /** The running store, or a {@link ChannelException} saying why the channel is not running. */
  ChannelStore store() {
    ChannelStore current = store;
    if (current == null) {
      String failure = startFailure;
      throw new ChannelException("channel " + getName() + " is not running"
          + (failure == null ? "" : ": it failed to start: " + failure));
    }
    return current;
  }

  /** What the last start's recovery found; for tests and tools. */
  RecoveryReport lastRecovery() {
    return store().recovery;
  }

  /** Writes a checkpoint now, as the timer would; for tests and tools. */
  void checkpointNow() throws IOException {
    store().checkpoint();
  }

  FileChannelOptions options() {
    return options;
  }

  private FileChannelCounter counter() {
    FileChannelCounter current = counter;
    if (current == null) {
      synchronized (this) {
        current = counter;
        if (current == null) {
          current = new FileChannelCounter(getName());
          counter = current;
        }
      }
    }
    return current;
  }

  private void refuseEncryption(Settings settings) {
    for (Setting<String> key : ENCRYPTION) {
      if (settings.get(key) != null) {
        throw new ConfigurationException(key.key(), "File channel " + getName() + ": "
            + key.key() + " is refused: " + ENCRYPTION_REFUSED,
            "Remove every encryption.* key of this channel");
      }
    }
  }

  private List<Path> dataDirs(String text) {
    List<Path> dirs = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        dirs.add(path(part));
      }
    }
    if (dirs.isEmpty()) {
      throw new ConfigurationException(DATA_DIRS.key(), "File channel " + getName()
          + ": dataDirs names no directory", "Write dataDirs = /var/lib/flume/data, or a list "
          + "separated by commas");
    }
    return dirs;
  }

  /** Each directory holds one lock and one kind of file: no two roles may share one. */
  private void checkDistinct(Path checkpointDir, Path backupDir, List<Path> dataDirs) {
    Map<Path, String> roles = new LinkedHashMap<>();
    roles.put(checkpointDir, CHECKPOINT_DIR.key());
    if (backupDir != null) {
      String other = roles.putIfAbsent(backupDir, BACKUP_CHECKPOINT_DIR.key());
      if (other != null) {
        throw new ConfigurationException(BACKUP_CHECKPOINT_DIR.key(), "File channel " + getName()
            + ": backupCheckpointDir is the same directory as checkpointDir (" + backupDir
            + "), so the backup would not survive what damages the checkpoint",
            "Name another directory, best on another disk");
      }
    }
    for (Path dir : dataDirs) {
      String other = roles.putIfAbsent(dir, DATA_DIRS.key());
      if (other != null) {
        throw new ConfigurationException(DATA_DIRS.key(), "File channel " + getName()
            + ": dataDirs names " + dir + ", which is also " + (other.equals(DATA_DIRS.key())
                ? "named earlier in dataDirs" : "the " + other),
            "Give every checkpoint and data directory of a channel a directory of its own");
      }
    }
  }

  private static Path path(String text) {
    return Path.of(text.strip()).toAbsolutePath().normalize();
  }

  private static <T> Setting<T> noEffect(Setting<T> setting, String why) {
    return setting.warnUnless(new Check<>("", value -> false,
            value -> "'" + setting.key() + "'" + (setting.aliases().isEmpty() ? ""
                : " (or " + String.join(", ", setting.aliases()) + ")")
                + " has no effect in FlumeLab: " + why,
            "Remove " + setting.key() + "."))
        .doc("accepted for Flume's files, no effect: " + why);
  }
}
