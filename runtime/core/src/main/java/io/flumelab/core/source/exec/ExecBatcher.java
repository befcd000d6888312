package io.flumelab.core.source.exec;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.api.Source;
import io.flumelab.core.spi.RetryingBatchWriter;
import io.flumelab.core.spi.SourceCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

  private final SourceCounter counter;
  private final int batchSize;
  private final long batchTimeoutNanos;
  private final ScheduledExecutorService timer;
  private final RetryingBatchWriter writer;
  private final RetryingBatchWriter.Reporter reporter;

  private List<Event> pending;
  private long firstLineNanos;

  ExecBatcher(Source source, SourceCounter counter, int batchSize, long batchTimeoutMillis,
      ScheduledExecutorService timer) {
    this.counter = counter;
    this.batchSize = batchSize;
    this.batchTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(batchTimeoutMillis);
    this.timer = timer;
    this.writer = new RetryingBatchWriter(source.getChannelProcessor(), counter,
        FIRST_RETRY_PAUSE_MS, MAX_RETRY_PAUSE_MS);
    this.reporter = reporter(source.getName());
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
    writer.write(batch, reporter);
  }

  /** Logs a held batch: its first refusal and every tenth, other failures, its end. */
  private RetryingBatchWriter.Reporter reporter(String sourceName) {
    return new RetryingBatchWriter.Reporter() {
      @Override
      public void refused(int lines, int failures, ChannelException refusal) {
        if (failures == 1) {
          LOG.warn("Exec source {}: the channels refused a batch of {} lines ({}); holding it "
              + "and retrying, the command's output waits meanwhile (counted as "
              + "ChannelWriteFail)", sourceName, lines, refusal.toString());
        } else if (failures % 10 == 0) {
          LOG.warn("Exec source {}: the channels have refused the held batch of {} lines {} "
              + "times; is a sink draining the channel? ({})", sourceName, lines, failures,
              refusal.toString());
        }
      }

      @Override
      public void failed(int lines, int failures, RuntimeException failure) {
        LOG.error("Exec source {}: delivering {} lines failed; retrying", sourceName, lines,
            failure);
      }

      @Override
      public void tookAfter(int lines, int failures) {
        LOG.info("Exec source {}: the channels took the held batch of {} lines after {} "
            + "refusals; reading the command's output again", sourceName, lines, failures);
      }

      @Override
      public void gaveUp(int lines, int failures) {
        LOG.error("Exec source {}: stopped while the channels still refused {} lines; they are "
            + "lost (the command has already written them)", sourceName, lines);
      }
    };
  }

  /** The source is stopping: ends pauses and lets retries go on for at most {@code graceMillis}. */
  void stopping(long graceMillis) {
    writer.stop(graceMillis);
  }
}
