package io.flumelab.filechannel;

import io.flumelab.api.ChannelException;
import io.flumelab.filechannel.RecoveryReport.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file channel's files while it runs: opened by locking the directories and recovering the
 * queue, then the log, the queue, the group commit and the checkpoints, each on its own; closed
 * with a last checkpoint. A stopped channel has none, and a restart opens a new one.
 */
final class ChannelStore {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelStore.class);

  final FileChannelOptions options;
  final FileChannelCounter counter;
  final SegmentTable segments;
  final PointerQueue queue;
  final LogWriter writer;
  final GroupCommitter committer;
  final RecoveryReport recovery;
  private final AtomicLong nextTransactionId;
  private final Checkpointer checkpointer;
  private final List<DirectoryLock> locks;
  private final ScheduledExecutorService timer;

  private ChannelStore(FileChannelOptions options, FileChannelCounter counter,
      List<DirectoryLock> locks, Recovery.Result recovered, SegmentTable segments,
      LogWriter writer) {
    this.options = options;
    this.counter = counter;
    this.locks = locks;
    this.segments = segments;
    this.writer = writer;
    this.recovery = recovered.report();
    this.nextTransactionId = new AtomicLong(recovered.nextTransactionId());
    this.queue = new PointerQueue(recovered.pointers(), segments, options.capacity());
    this.committer = new GroupCommitter(group -> {
      writer.write(group);
      queue.apply(group);
    });
    this.checkpointer = new Checkpointer(options, committer, writer, queue, segments,
        nextTransactionId::get, counter);
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "file-channel-" + options.name());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Locks the directories, recovers, starts a new segment and writes a fresh checkpoint.
   *
   * @throws ChannelException saying what failed, in which directory, and what to do
   */
  static ChannelStore open(FileChannelOptions options, FileChannelCounter counter) {
    List<DirectoryLock> locks = new ArrayList<>();
    SegmentTable segments = new SegmentTable();
    try {
      String owner = DirectoryLock.owner(options.name());
      locks.add(DirectoryLock.acquire(options.name(), "checkpointDir", options.checkpointDir(),
          owner));
      if (options.backupCheckpointDir() != null) {
        locks.add(DirectoryLock.acquire(options.name(), "backupCheckpointDir",
            options.backupCheckpointDir(), owner));
      }
      for (Path dir : options.dataDirs()) {
        locks.add(DirectoryLock.acquire(options.name(), "dataDirs entry", dir, owner));
      }
      Recovery.Result recovered = new Recovery(options.checkpointDirs(), options.dataDirs(),
          true).run();
      log(options.name(), recovered.report());
      recovered.segments().forEach(segments::add);
      List<FreeSpaceGuard> guards = new ArrayList<>();
      for (Path dir : options.dataDirs()) {
        guards.add(new FreeSpaceGuard(options.name(), dir, options.minimumRequiredSpace()));
      }
      LogWriter writer = new LogWriter(options.name(), options.dataDirs(), guards,
          options.maxFileSize(), options.fsyncPerTransaction(), segments, counter);
      writer.open(recovered.nextSegmentId());
      if (recovered.pointers().length > options.capacity()) {
        LOG.warn("Channel {} recovered {} events, more than its capacity ({}): it keeps them all,"
            + " and takes puts again once sinks took it below capacity", options.name(),
            recovered.pointers().length, options.capacity());
      }
      ChannelStore store = new ChannelStore(options, counter, locks, recovered, segments, writer);
      store.checkpointer.checkpoint();
      store.schedule();
      return store;
    } catch (IOException | RuntimeException e) {
      closeQuietly(segments, locks);
      if (e instanceof ChannelException channelException) {
        throw channelException;
      }
      throw new ChannelException("channel " + options.name() + " cannot open its files in "
          + options.checkpointDir() + " and " + options.dataDirs() + ": " + e, e);
    }
  }

  long nextTransactionId() {
    return nextTransactionId.getAndIncrement();
  }

  /** Writes a checkpoint now, as the timer does. */
  Checkpoint checkpoint() throws IOException {
    return checkpointer.checkpoint();
  }

  /** Stops the timers, writes a last checkpoint if asked, and closes every file. */
  void close(boolean checkpoint) {
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("Channel {}: a checkpoint still runs after 30 s; closing anyway", options.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (checkpoint) {
        checkpointer.checkpoint();
      }
      committer.exclusively(() -> {
        try {
          writer.close(); // between groups: a commit that comes later fails, writing nothing
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      });
    } catch (IOException | RuntimeException e) {
      LOG.error("Channel {}: closing the log failed ({}); the next start replays the log "
          + "from the last checkpoint written, losing nothing committed", options.name(),
          e.getMessage());
    }
    closeQuietly(segments, locks);
  }

  private void schedule() {
    long interval = options.checkpointIntervalMillis();
    timer.scheduleWithFixedDelay(this::periodicCheckpoint, interval, interval,
        TimeUnit.MILLISECONDS);
    if (!options.fsyncPerTransaction()) {
      long seconds = options.fsyncIntervalSeconds();
      timer.scheduleWithFixedDelay(this::periodicFsync, seconds, seconds, TimeUnit.SECONDS);
    }
  }

  private void periodicCheckpoint() {
    try {
      checkpointer.checkpoint();
    } catch (IOException | RuntimeException e) {
      LOG.error("Channel {}: checkpoint failed: {}. The channel goes on; a restart replays more "
          + "of the log", options.name(), e.getMessage());
    }
  }

  private void periodicFsync() {
    try {
      writer.force();
    } catch (IOException | RuntimeException e) {
      LOG.error("Channel {}: the periodic fsync of the log failed: {}", options.name(),
          e.getMessage());
    }
  }

  private static void log(String channel, RecoveryReport report) {
    for (Finding finding : report.findings()) {
      switch (finding.level()) {
        case ERROR -> LOG.error("Channel {}: {}", channel, finding.message());
        case WARNING -> LOG.warn("Channel {}: {}", channel, finding.message());
        default -> LOG.info("Channel {}: {}", channel, finding.message());
      }
    }
    LOG.info("Channel {}: {}", channel, report.summary());
  }

  private static void closeQuietly(SegmentTable segments, List<DirectoryLock> locks) {
    try {
      segments.closeAll();
    } catch (IOException e) {
      LOG.warn("Closing the segments failed: {}", e.getMessage());
    }
    for (DirectoryLock lock : locks) {
      try {
        lock.close();
      } catch (IOException e) {
        LOG.warn("Releasing a directory lock failed: {}", e.getMessage());
      }
    }
  }
}
