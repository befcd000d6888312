package io.flumelab.filechannel;

import io.flumelab.core.spi.ChannelCounter;
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

  private final AtomicLong unhealthy = counter("Unhealthy");
  private final AtomicLong putErrors = counter("EventPutErrorCount");
  private final AtomicLong takeErrors = counter("EventTakeErrorCount");
  private final AtomicLong checkpointErrors = counter("CheckpointWriteErrorCount");
  private final AtomicLong backupErrors = counter("CheckpointBackupWriteErrorCount");
  private final AtomicLong writes = counter("LogWriteCount");
  private final AtomicLong fsyncs = counter("LogFsyncCount");
  private final AtomicLong commits = counter("LogCommitCount");

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
