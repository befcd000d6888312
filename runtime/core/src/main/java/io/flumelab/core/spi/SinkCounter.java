package io.flumelab.core.spi;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a sink. */
public class SinkCounter extends ComponentCounter {

  public static final CounterSpec CONNECTION_CREATED = CounterSpec.counter(
      "ConnectionCreatedCount", "Connections the sink opened.");
  public static final CounterSpec CONNECTION_CLOSED = CounterSpec.counter(
      "ConnectionClosedCount", "Connections the sink closed.");
  public static final CounterSpec CONNECTION_FAILED = CounterSpec.counter(
      "ConnectionFailedCount", "Connections that failed.");
  public static final CounterSpec BATCH_EMPTY = CounterSpec.counter("BatchEmptyCount",
      "Takes that found the channel empty.");
  public static final CounterSpec BATCH_UNDERFLOW = CounterSpec.counter("BatchUnderflowCount",
      "Batches smaller than the batch size.");
  public static final CounterSpec BATCH_COMPLETE = CounterSpec.counter("BatchCompleteCount",
      "Batches of the full batch size.");
  public static final CounterSpec EVENT_DRAIN_ATTEMPT = CounterSpec.counter(
      "EventDrainAttemptCount", "Events the sink tried to deliver.");
  public static final CounterSpec EVENT_DRAIN_SUCCESS = CounterSpec.counter(
      "EventDrainSuccessCount", "Events the sink delivered.");
  public static final CounterSpec EVENT_WRITE_FAIL = CounterSpec.counter("EventWriteFail",
      "Events the sink failed to write.");
  public static final CounterSpec CHANNEL_READ_FAIL = CounterSpec.counter("ChannelReadFail",
      "Takes from the channel that failed.");

  private final AtomicLong connectionCreated = counter(CONNECTION_CREATED);
  private final AtomicLong connectionClosed = counter(CONNECTION_CLOSED);
  private final AtomicLong connectionFailed = counter(CONNECTION_FAILED);
  private final AtomicLong batchEmpty = counter(BATCH_EMPTY);
  private final AtomicLong batchUnderflow = counter(BATCH_UNDERFLOW);
  private final AtomicLong batchComplete = counter(BATCH_COMPLETE);
  private final AtomicLong drainAttempt = counter(EVENT_DRAIN_ATTEMPT);
  private final AtomicLong drainSuccess = counter(EVENT_DRAIN_SUCCESS);
  private final AtomicLong eventWriteFail = counter(EVENT_WRITE_FAIL);
  private final AtomicLong channelReadFail = counter(CHANNEL_READ_FAIL);

  public SinkCounter(String name) {
    super("SINK", name);
  }

  public void incrementConnectionCreatedCount() {
    connectionCreated.incrementAndGet();
  }

  public void incrementConnectionClosedCount() {
    connectionClosed.incrementAndGet();
  }

  public void incrementConnectionFailedCount() {
    connectionFailed.incrementAndGet();
  }

  public void incrementBatchEmptyCount() {
    batchEmpty.incrementAndGet();
  }

  public void incrementBatchUnderflowCount() {
    batchUnderflow.incrementAndGet();
  }

  public void incrementBatchCompleteCount() {
    batchComplete.incrementAndGet();
  }

  public void addToEventDrainAttemptCount(long delta) {
    drainAttempt.addAndGet(delta);
  }

  public void addToEventDrainSuccessCount(long delta) {
    drainSuccess.addAndGet(delta);
  }

  public void incrementEventWriteFail() {
    eventWriteFail.incrementAndGet();
  }

  public void incrementChannelReadFail() {
    channelReadFail.incrementAndGet();
  }

  public long getEventDrainAttemptCount() {
    return drainAttempt.get();
  }

  public long getEventDrainSuccessCount() {
    return drainSuccess.get();
  }

  public long getBatchEmptyCount() {
    return batchEmpty.get();
  }

  public long getConnectionFailedCount() {
    return connectionFailed.get();
  }
}
