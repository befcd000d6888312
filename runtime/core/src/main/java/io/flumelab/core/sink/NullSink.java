package io.flumelab.core.sink;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Channel;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import io.flumelab.core.counter.Counted;
import io.flumelab.core.counter.SinkCounter;

/**
 * Discards events: takes up to {@code batchSize} (default 100) per transaction and commits. Used to
 * measure sources and channels without a real destination.
 *
 * <p>As in Flume, {@code batchSize} must not exceed the channel's transactionCapacity; a take
 * beyond it fails, and the error says so.
 */
public class NullSink extends AbstractSink implements Configurable, Counted {

  public static final String CONFIG_BATCH_SIZE = "batchSize";
  public static final int DEFAULT_BATCH_SIZE = 100;

  private int batchSize = DEFAULT_BATCH_SIZE;
  private volatile SinkCounter counter;

  @Override
  public void configure(Context context) {
    int value = context.getInteger(CONFIG_BATCH_SIZE, DEFAULT_BATCH_SIZE);
    if (value < 1) {
      throw new ConfigurationException(CONFIG_BATCH_SIZE,
          "Null sink " + getName() + ": batchSize must be 1 or more, not " + value,
          "Set batchSize to at most the channel's transactionCapacity, e.g. 100");
    }
    batchSize = value;
  }

  /** Events per transaction; the configuration checks it against the channel's transactionCapacity. */
  public int getBatchSize() {
    return batchSize;
  }

  @Override
  public SinkCounter getCounter() {
    SinkCounter c = counter;
    if (c == null) {
      synchronized (this) {
        if (counter == null) {
          counter = new SinkCounter(getName());
        }
        c = counter;
      }
    }
    return c;
  }

  @Override
  public synchronized void start() {
    super.start();
    getCounter().start();
  }

  @Override
  public synchronized void stop() {
    getCounter().stop();
    super.stop();
  }

  @Override
  public Status process() throws EventDeliveryException {
    Channel channel = getChannel();
    SinkCounter sinkCounter = getCounter();
    int count = 0;
    Transaction tx = channel.getTransaction();
    try {
      tx.begin();
      while (count < batchSize) {
        Event event = channel.take();
        if (event == null) {
          break;
        }
        count++;
      }
      if (count > 0) {
        sinkCounter.addToEventDrainAttemptCount(count);
      }
      tx.commit();
    } catch (Throwable t) {
      try {
        tx.rollback();
      } catch (RuntimeException e) {
        t.addSuppressed(e);
      }
      if (t instanceof Error error) {
        throw error;
      }
      sinkCounter.incrementChannelReadFail();
      String hint = count > 0 && count < batchSize
          ? " (is batchSize " + batchSize + " above the channel's transactionCapacity?)" : "";
      throw new EventDeliveryException("Null sink " + getName() + " failed to take events from "
          + "channel " + channel.getName() + " after " + count + " of " + batchSize + hint + ": "
          + t, t);
    } finally {
      tx.close();
    }
    if (count == 0) {
      sinkCounter.incrementBatchEmptyCount();
      return Status.BACKOFF;
    }
    sinkCounter.addToEventDrainSuccessCount(count);
    if (count < batchSize) {
      sinkCounter.incrementBatchUnderflowCount();
    } else {
      sinkCounter.incrementBatchCompleteCount();
    }
    return Status.READY;
  }
}
