package io.flumelab.core.spi;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.Channel;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the sinks that drain their channel in batches: one transaction takes up to
 * {@link #batchSize()} events (the sink's declared batch setting, read by
 * {@link #configureBatch}), {@link #deliver} writes them, and only then is the transaction
 * committed. Anything thrown rolls the batch back into the channel, so a failed delivery loses
 * nothing; the runner backs off and calls again. Keeps Flume's sink counters.
 *
 * <p>A channel whose transactionCapacity is below the batch refuses a take part-way. A sink whose
 * batch size the user chose reports that as a configuration mistake; one with an internal batch
 * size (made with {@link #BatchSink(int)}) takes fewer events per transaction from then on.
 */
public abstract class BatchSink extends AbstractSink implements Counted, BatchSizeSupported {

  // named after the concrete sink, where users look for its messages
  private final Logger log = LoggerFactory.getLogger(getClass());

  private volatile SinkCounter counter;
  private volatile int channelLimit = Integer.MAX_VALUE;
  // the user's key for the batch; null when the batch is the sink's own choice
  private final Setting<Integer> batchSetting;
  private volatile int batchSize;

  /** A sink whose batch, one channel transaction, is set by the user through a declared key. */
  protected BatchSink(Setting<Integer> batchSetting) {
    this.batchSetting = batchSetting;
    this.batchSize = batchSetting.defaultValue();
  }

  /**
   * A sink whose batch is its own choice, not a key the user set: it takes fewer events per
   * transaction once a channel refuses a batch this large.
   */
  protected BatchSink(int ownBatchSize) {
    this.batchSetting = null;
    this.batchSize = ownBatchSize;
  }

  /** Reads the batch size from the sink's settings; a sink calls it from {@code configure}. */
  protected final void configureBatch(Settings settings) {
    batchSize = settings.get(batchSetting);
  }

  /** The most events one transaction takes. */
  protected final int batchSize() {
    return batchSize;
  }

  /** Writes the batch; throw to roll it back into the channel. */
  protected abstract void deliver(List<Event> events) throws Exception;

  /** How messages name this sink, e.g. "Logger sink k1". */
  protected abstract String describe();

  private boolean adaptsBatchToChannel() {
    return batchSetting == null;
  }

  /**
   * The batch the channel's transactionCapacity must fit. A sink that shrinks its batch to fit the
   * channel needs only one event per transaction, so no channel is too small for it.
   */
  @Override
  public long getBatchSize() {
    return adaptsBatchToChannel() ? 1 : batchSize();
  }

  /** Called after a failed delivery, before the rollback is reported; returns a fix or "". */
  protected String deliveryFailed(Exception cause) {
    return "";
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
    int limit = Math.min(batchSize(), channelLimit);
    List<Event> events = new ArrayList<>(Math.min(limit, 1024));
    boolean delivering = false;
    Transaction tx = channel.getTransaction();
    try {
      tx.begin();
      if (!take(channel, tx, events, limit)) {
        return Status.READY; // the batch shrank to fit the channel; nothing was delivered
      }
      if (events.isEmpty()) {
        tx.commit();
        sinkCounter.incrementBatchEmptyCount();
        return Status.BACKOFF;
      }
      sinkCounter.addToEventDrainAttemptCount(events.size());
      delivering = true;
      deliver(events);
      tx.commit();
    } catch (Throwable t) {
      rollbackQuietly(tx, t);
      if (t instanceof Error error) {
        throw error;
      }
      throw failure((Exception) t, events.size(), limit, delivering, channel);
    } finally {
      tx.close();
    }
    sinkCounter.addToEventDrainSuccessCount(events.size());
    if (events.size() < limit) {
      sinkCounter.incrementBatchUnderflowCount();
    } else {
      sinkCounter.incrementBatchCompleteCount();
    }
    return Status.READY;
  }

  /** Takes up to {@code limit} events; false if the channel refused part-way and the batch shrank. */
  private boolean take(Channel channel, Transaction tx, List<Event> events, int limit) {
    while (events.size() < limit) {
      Event event;
      try {
        // a take that waits (the memory channel's keep-alive) would hold every short batch back:
        // the runner waits for the next commit instead
        event = NonWaitingTake.takeFrom(channel);
      } catch (ChannelException e) {
        if (events.isEmpty() || !adaptsBatchToChannel()) {
          throw e;
        }
        // nothing is delivered yet, so rolling back loses and duplicates nothing
        tx.rollback();
        channelLimit = events.size();
        log.warn("{}: channel {} refused the take of event {} in one transaction ({}); taking at most"
            + " {} events per transaction from now on", describe(), channel.getName(),
            events.size() + 1, e.getMessage(), events.size());
        return false;
      }
      if (event == null) {
        break;
      }
      events.add(event);
    }
    return true;
  }

  private EventDeliveryException failure(Exception cause, int count, int limit, boolean delivering,
      Channel channel) {
    if (!delivering) {
      getCounter().incrementChannelReadFail();
      String hint = count > 0
          ? " (is " + batchSetting.key() + " " + limit + " above the channel's transactionCapacity?)" : "";
      return new EventDeliveryException(describe() + " failed to take events from channel "
          + channel.getName() + " after " + count + " of " + limit + hint + ": " + cause, cause);
    }
    getCounter().incrementEventWriteFail();
    String fix = deliveryFailed(cause);
    return new EventDeliveryException(describe() + " could not deliver " + count + " events; they"
        + " stay in channel " + channel.getName() + " and are delivered once the problem is fixed"
        + fix + ": " + cause, cause);
  }

  private static void rollbackQuietly(Transaction tx, Throwable cause) {
    try {
      tx.rollback();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
