package io.flumelab.core.spi;

import io.flumelab.api.ChannelException;
import io.flumelab.api.ChannelProcessor;
import io.flumelab.api.Event;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands a source's batch to its channel processor and, while the channels refuse it, keeps the
 * batch and offers it again after a pause that doubles up to a bound. A source that can wait (it
 * reads a file or a pipe) loses nothing this way: it stops reading until the channels take the
 * batch. Counts on the {@link SourceCounter}: each batch as AppendBatchReceived, a taken one as
 * EventAccepted and AppendBatchAccepted, each refusal as ChannelWriteFail, and each retried other
 * failure as GenericProcessingFail. What to log is the caller's, through a {@link Reporter}.
 *
 * <p>{@link #stop} ends the current pause at once; retries then go on only until the grace given
 * there is over (none with a grace of 0), and a batch still refused then is given up.
 */
public final class RetryingBatchWriter {

  /** What the caller logs about one batch; the counters are already counted when it is told. */
  public interface Reporter {

    /** The channels refused the batch, for the {@code failures}-th time; it will be retried. */
    void refused(int events, int failures, ChannelException refusal);

    /**
     * Another failure of the channel processor. The default throws it, ending the write (nothing
     * is counted then); returning retries it like a refusal, counted as GenericProcessingFail.
     */
    default void failed(int events, int failures, RuntimeException failure) {
      throw failure;
    }

    /** The channels took the batch after {@code failures} failed attempts (at least one). */
    default void tookAfter(int events, int failures) {}

    /** The writer stopped (or its thread was interrupted) while the batch was still refused. */
    default void gaveUp(int events, int failures) {}
  }

  private final ChannelProcessor processor;
  private final SourceCounter counter;
  private final long firstPauseMillis;
  private final long maxPauseMillis;
  /** Counted down by {@link #stop}: the pause ends, and retries are bounded by giveUpAtNanos. */
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile long giveUpAtNanos;

  /**
   * @param firstPauseMillis the pause after the first failure; each next one doubles
   * @param maxPauseMillis the longest pause (the first one is not cut to it)
   */
  public RetryingBatchWriter(ChannelProcessor processor, SourceCounter counter,
      long firstPauseMillis, long maxPauseMillis) {
    if (firstPauseMillis < 1 || maxPauseMillis < 1) {
      throw new IllegalArgumentException("pauses must be 1 ms or more, not " + firstPauseMillis
          + " and " + maxPauseMillis);
    }
    this.processor = processor;
    this.counter = counter;
    this.firstPauseMillis = firstPauseMillis;
    this.maxPauseMillis = maxPauseMillis;
  }

  /**
   * Commits the batch, retrying while the channels refuse it. The first attempt is made even
   * after {@link #stop}; the next ones only within its grace.
   *
   * @return true once the channels took the batch; false if the writer stopped (or the thread was
   *     interrupted, whose flag stays set) before they did
   */
  public boolean write(List<Event> batch, Reporter reporter) {
    counter.incrementAppendBatchReceivedCount();
    long pause = firstPauseMillis;
    int failures = 0;
    while (true) {
      try {
        processor.processEventBatch(batch);
        counter.addToEventAcceptedCount(batch.size());
        counter.incrementAppendBatchAcceptedCount();
        if (failures > 0) {
          reporter.tookAfter(batch.size(), failures);
        }
        return true;
      } catch (ChannelException e) {
        counter.incrementChannelWriteFail();
        reporter.refused(batch.size(), ++failures, e);
      } catch (RuntimeException e) {
        reporter.failed(batch.size(), ++failures, e);
        counter.incrementGenericProcessingFail();
      }
      if (!pause(pause)) {
        reporter.gaveUp(batch.size(), failures);
        return false;
      }
      pause = Math.min(pause * 2, maxPauseMillis);
    }
  }

  /** Waits before the next attempt; false when stopped and the grace is over, or interrupted. */
  private boolean pause(long millis) {
    if (!isStopping()) {
      try {
        stopping.await(millis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      // stopped during the pause: one more attempt only if there is a grace
      return !isStopping() || giveUpAtNanos - System.nanoTime() > 0;
    }
    long left = giveUpAtNanos - System.nanoTime();
    if (left <= 0 || Thread.currentThread().isInterrupted()) {
      return false;
    }
    LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(millis)));
    return true;
  }

  /**
   * The source is stopping: the current pause ends, and a refused batch is retried for at most
   * {@code graceMillis} more (0: not at all). Later calls change nothing.
   */
  public void stop(long graceMillis) {
    if (!isStopping()) {
      giveUpAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
      stopping.countDown();
    }
  }

  public boolean isStopping() {
    return stopping.getCount() == 0;
  }
}
