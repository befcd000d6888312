package io.flumelab.filechannel;

import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.CounterSpec;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file channel's counters: a channel's, those of Flume's file channel under its names
 * ({@code Unhealthy}, {@code EventPutErrorCount}, {@code EventTakeErrorCount},
 * {@code CheckpointWriteErrorCount}, {@code CheckpointBackupWriteErrorCount}), and FlumeLab's own
 * on the log: {@code LogWriteCount} (writes, each carrying one or more commits),
 * {@code LogFsyncCount} (fsyncs of the log) and {@code LogCommitCount} (transactions written), so
 * that commits per fsync show what group commit achieves.
 */
final class FileChannelCounter extends ChannelCounter {

  static final CounterSpec UNHEALTHY = CounterSpec.gauge("Unhealthy",
      "1 while the channel could not start (replay or directories failed), else 0.");
  static final CounterSpec EVENT_PUT_ERROR = CounterSpec.counter("EventPutErrorCount",
      "Puts that failed writing to the log.");
  static final CounterSpec EVENT_TAKE_ERROR = CounterSpec.counter("EventTakeErrorCount",
      "Takes that failed reading the log.");
  static final CounterSpec CHECKPOINT_WRITE_ERROR = CounterSpec.counter(
      "CheckpointWriteErrorCount", "Checkpoints that failed to write.");
  static final CounterSpec CHECKPOINT_BACKUP_WRITE_ERROR = CounterSpec.counter(
      "CheckpointBackupWriteErrorCount", "Backup checkpoints that failed to write.");
  static final CounterSpec LOG_WRITE = CounterSpec.counter("LogWriteCount",
      "Writes to the log, each of one or more commits.");
  static final CounterSpec LOG_FSYNC = CounterSpec.counter("LogFsyncCount",
      "Fsyncs of the log.");
  static final CounterSpec LOG_COMMIT = CounterSpec.counter("LogCommitCount",
      "Transactions written to the log.");

  private final AtomicLong unhealthy = counter(UNHEALTHY);
  private final AtomicLong putErrors = counter(EVENT_PUT_ERROR);
  private final AtomicLong takeErrors = counter(EVENT_TAKE_ERROR);
  private final AtomicLong checkpointErrors = counter(CHECKPOINT_WRITE_ERROR);
  private final AtomicLong backupErrors = counter(CHECKPOINT_BACKUP_WRITE_ERROR);
  private final AtomicLong writes = counter(LOG_WRITE);
  private final AtomicLong fsyncs = counter(LOG_FSYNC);
  private final AtomicLong commits = counter(LOG_COMMIT);

  FileChannelCounter(String name) {
    super(name);
  }

  /** 1 while the channel could not start (its replay or its directories failed), else 0. */
  void setUnhealthy(boolean value) {
    unhealthy.set(value ? 1 : 0);
  }

  void incrementEventPutErrorCount() {
    putErrors.incrementAndGet();
  }

  void incrementEventTakeErrorCount() {
    takeErrors.incrementAndGet();
  }

  void incrementCheckpointWriteErrorCount() {
    checkpointErrors.incrementAndGet();
  }

  void incrementCheckpointBackupWriteErrorCount() {
    backupErrors.incrementAndGet();
  }

  void addLogWrite(int transactions) {
    writes.incrementAndGet();
    commits.addAndGet(transactions);
  }

  void incrementLogFsyncCount() {
    fsyncs.incrementAndGet();
  }

  long getUnhealthy() {
    return unhealthy.get();
  }

  long getEventPutErrorCount() {
    return putErrors.get();
  }

  long getEventTakeErrorCount() {
    return takeErrors.get();
  }

  long getCheckpointWriteErrorCount() {
    return checkpointErrors.get();
  }

  long getCheckpointBackupWriteErrorCount() {
    return backupErrors.get();
  }

  long getLogWriteCount() {
    return writes.get();
  }

  long getLogFsyncCount() {
    return fsyncs.get();
  }

  long getLogCommitCount() {
    return commits.get();
  }
}
