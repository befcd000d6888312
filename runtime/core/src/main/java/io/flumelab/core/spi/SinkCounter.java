package io.flumelab.core.spi;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a sink. */
public class SinkCounter extends ComponentCounter {

  private final AtomicLong connectionCreated = counter("ConnectionCreatedCount");
  private final AtomicLong connectionClosed = counter("ConnectionClosedCount");
  private final AtomicLong connectionFailed = counter("ConnectionFailedCount");
  private final AtomicLong batchEmpty = counter("BatchEmptyCount");
  private final AtomicLong batchUnderflow = counter("BatchUnderflowCount");
  private final AtomicLong batchComplete = counter("BatchCompleteCount");
  private final AtomicLong drainAttempt = counter("EventDrainAttemptCount");
  private final AtomicLong drainSuccess = counter("EventDrainSuccessCount");
  private final AtomicLong eventWriteFail = counter("EventWriteFail");
  private final AtomicLong channelReadFail = counter("ChannelReadFail");

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
