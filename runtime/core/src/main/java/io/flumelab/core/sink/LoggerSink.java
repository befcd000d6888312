package io.flumelab.core.sink;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Channel;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import io.flumelab.core.counter.Counted;
import io.flumelab.core.counter.SinkCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every event at INFO on the logger {@code io.flumelab.core.sink.LoggerSink}, as
 * {@code Event: { headers:{...} body: 68 65 ... text }} (see {@link EventDump}), for testing and
 * debugging.
 *
 * <p>Key: {@code maxBytesToLog} (default 16), how many body bytes to show.
 *
 * <p>Flume takes one event per transaction; FlumeLab takes up to {@value #BATCH_SIZE}, which prints
 * the same lines far faster. If the channel refuses a take because the batch exceeds its
 * transactionCapacity, nothing has been logged yet: the sink rolls back, keeps to the number it
 * could take from then on, and carries on, so any channel that works with Flume's logger sink works
 * here. A failure while logging rolls the whole batch back, so those events may be logged twice.
 */
public class LoggerSink extends AbstractSink implements Configurable, Counted {

  public static final String CONFIG_MAX_BYTES_TO_LOG = "maxBytesToLog";
  public static final int DEFAULT_MAX_BYTES_TO_LOG = EventDump.DEFAULT_MAX_BYTES;
  /** Events per transaction, at most. */
  static final int BATCH_SIZE = 100;

  private static final Logger LOG = LoggerFactory.getLogger(LoggerSink.class);

  private int maxBytesToLog = DEFAULT_MAX_BYTES_TO_LOG;
  private volatile int batchSize = BATCH_SIZE;
  private volatile SinkCounter counter;

  @Override
  public void configure(Context context) {
    int value = context.getInteger(CONFIG_MAX_BYTES_TO_LOG, DEFAULT_MAX_BYTES_TO_LOG);
    if (value < 0) {
      throw new ConfigurationException(CONFIG_MAX_BYTES_TO_LOG,
          "Logger sink " + getName() + ": maxBytesToLog must be 0 or more, not " + value,
          "Set maxBytesToLog to the number of body bytes to show, e.g. 16");
    }
    maxBytesToLog = value;
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

  public int getMaxBytesToLog() {
    return maxBytesToLog;
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
    int limit = batchSize;
    Event[] events = new Event[limit];
    int count = 0;
    Transaction tx = channel.getTransaction();
    try {
      tx.begin();
      while (count < limit) {
        Event event;
        try {
          event = channel.take();
        } catch (ChannelException e) {
          if (count == 0) {
            throw e;
          }
          // the channel's transactionCapacity is below our batch; nothing is logged yet, so
          // rolling back loses and duplicates nothing
          tx.rollback();
          shrinkBatch(count, channel, e);
          return Status.READY;
        }
        if (event == null) {
          break;
        }
        events[count++] = event;
      }
      if (count == 0) {
        tx.commit();
        sinkCounter.incrementBatchEmptyCount();
        return Status.BACKOFF;
      }
      sinkCounter.addToEventDrainAttemptCount(count);
      if (LOG.isInfoEnabled()) {
        for (int i = 0; i < count; i++) {
          LOG.info("Event: {}", EventDump.dumpEvent(events[i], maxBytesToLog));
        }
      }
      tx.commit();
      sinkCounter.addToEventDrainSuccessCount(count);
      if (count < limit) {
        sinkCounter.incrementBatchUnderflowCount();
      } else {
        sinkCounter.incrementBatchCompleteCount();
      }
      return Status.READY;
    } catch (Throwable t) {
      rollbackQuietly(tx, t);
      if (t instanceof Error error) {
        throw error;
      }
      if (count == 0) {
        sinkCounter.incrementChannelReadFail();
      } else {
        sinkCounter.incrementEventWriteFail();
      }
      throw new EventDeliveryException("Logger sink " + getName() + " failed to log "
          + (count == 0 ? "events" : count + " events") + " from channel " + channel.getName()
          + "; they stay in the channel: " + t, t);
    } finally {
      tx.close();
    }
  }

  private void shrinkBatch(int taken, Channel channel, ChannelException cause) {
    batchSize = taken;
    LOG.warn("Logger sink {}: channel {} refused the take of event {} in one transaction ({}); "
        + "taking at most {} events per transaction from now on", getName(), channel.getName(),
        taken + 1, cause.getMessage(), taken);
  }

  private static void rollbackQuietly(Transaction tx, Throwable cause) {
    try {
      tx.rollback();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
