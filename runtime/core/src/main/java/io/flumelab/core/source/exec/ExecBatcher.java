package io.flumelab.core.source.exec;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.api.Source;
import io.flumelab.core.spi.SourceCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects an exec source's lines into batches and commits each when it is full or when its first
 * line is {@code batchTimeout} old. A batch the channels refuse is kept and offered again with a
 * growing pause, while the thread reading the command's output waits: the command then blocks on
 * its full pipe instead of its lines being dropped. Delivery is serialised by this object's
 * monitor, so batches reach the channel in the order the lines were read.
 */
final class ExecBatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ExecSource.class);
  static final long FIRST_RETRY_PAUSE_MS = 100;
  static final long MAX_RETRY_PAUSE_MS = 2000;

  private final Source source;
  private final SourceCounter counter;
  private final int batchSize;
  private final long batchTimeoutNanos;
  private final ScheduledExecutorService timer;
  /** Counted down when the source stops: pauses end, retries are bounded by giveUpAtNanos. */
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile long giveUpAtNanos;

  private List<Event> pending;
  private long firstLineNanos;

  ExecBatcher(Source source, SourceCounter counter, int batchSize, long batchTimeoutMillis,
      ScheduledExecutorService timer) {
    this.source = source;
    this.counter = counter;
    this.batchSize = batchSize;
    this.batchTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(batchTimeoutMillis);
    this.timer = timer;
    this.pending = new ArrayList<>(batchSize);
  }

  /** Adds a line; commits the batch when it is full. Blocks while the channels refuse it. */
  synchronized void add(Event event) {
    counter.incrementEventReceivedCount();
    if (pending.isEmpty()) {
      firstLineNanos = System.nanoTime();
      timer.schedule(this::flushIfDue, batchTimeoutNanos, TimeUnit.NANOSECONDS);
    }
    pending.add(event);
    if (pending.size() >= batchSize) {
      flush();
    }
  }

  private synchronized void flushIfDue() {
    if (!pending.isEmpty() && System.nanoTime() - firstLineNanos >= batchTimeoutNanos) {
      flush();
    }
  }

  /**
   * Commits the pending lines, retrying until the channels take them. After {@link #stopping}
   * retries end at the deadline given there, and what is left is reported as lost.
   */
  synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Event> batch = pending;
    pending = new ArrayList<>(batchSize);
    counter.incrementAppendBatchReceivedCount();
    long pause = FIRST_RETRY_PAUSE_MS;
    int failures = 0;
    while (true) {
      try {
        source.getChannelProcessor().processEventBatch(batch);
        counter.addToEventAcceptedCount(batch.size());
        counter.incrementAppendBatchAcceptedCount();
        if (failures > 0) {
          LOG.info("Exec source {}: the channels took the held batch of {} lines after {} "
              + "refusals; reading the command's output again", source.getName(), batch.size(),
              failures);
        }
        return;
      } catch (ChannelException e) {
        counter.incrementChannelWriteFail();
        reportRefusal(batch.size(), ++failures, e.toString());
      } catch (RuntimeException e) {
        counter.incrementGenericProcessingFail();
        failures++;
        LOG.error("Exec source {}: delivering {} lines failed; retrying", source.getName(),
            batch.size(), e);
      }
      if (!pause(pause)) {
        LOG.error("Exec source {}: stopped while the channels still refused {} lines; they are "
            + "lost (the command has already written them)", source.getName(), batch.size());
        return;
      }
      pause = Math.min(pause * 2, MAX_RETRY_PAUSE_MS);
    }
  }

  private void reportRefusal(int lines, int failures, String reason) {
    if (failures == 1) {
      LOG.warn("Exec source {}: the channels refused a batch of {} lines ({}); holding it and "
          + "retrying, the command's output waits meanwhile (counted as ChannelWriteFail)",
          source.getName(), lines, reason);
    } else if (failures % 10 == 0) {
      LOG.warn("Exec source {}: the channels have refused the held batch of {} lines {} times; "
          + "is a sink draining the channel? ({})", source.getName(), lines, failures, reason);
    }
  }

  /** Waits before the next attempt; false when the source has stopped and the deadline passed. */
  private boolean pause(long millis) {
    if (stopping.getCount() > 0) {
      try {
        stopping.await(millis, TimeUnit.MILLISECONDS);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    long left = giveUpAtNanos - System.nanoTime();
    if (left <= 0 || Thread.currentThread().isInterrupted()) {
      return false;
    }
    LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(millis)));
    return true;
  }

  /** The source is stopping: ends pauses and lets retries go on for at most {@code graceMillis}. */
  void stopping(long graceMillis) {
    giveUpAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    stopping.countDown();
  }
}
