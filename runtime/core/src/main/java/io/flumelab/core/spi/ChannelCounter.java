package io.flumelab.core.spi;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of a channel. {@code ChannelFillPercentage} is derived from size and capacity. */
public class ChannelCounter extends ComponentCounter {

  private final AtomicLong channelSize = counter("ChannelSize");
  private final AtomicLong putAttempt = counter("EventPutAttemptCount");
  private final AtomicLong takeAttempt = counter("EventTakeAttemptCount");
  private final AtomicLong putSuccess = counter("EventPutSuccessCount");
  private final AtomicLong takeSuccess = counter("EventTakeSuccessCount");
  private final AtomicLong capacity = counter("ChannelCapacity");
  /**
   * Committed events a channel that keeps nothing across a stop gave up when the agent stopped.
   * FlumeLab's own: Flume's channels lose them without a count.
   */
  private final AtomicLong discarded = counter("EventDiscardCount");

  public ChannelCounter(String name) {
    super("CHANNEL", name);
  }

  public void setChannelSize(long size) {
    channelSize.set(size);
  }

  public void setChannelCapacity(long value) {
    capacity.set(value);
  }

  public void incrementEventPutAttemptCount() {
    putAttempt.incrementAndGet();
  }

  public void incrementEventTakeAttemptCount() {
    takeAttempt.incrementAndGet();
  }

  /** For channels that count per transaction rather than per event, to spare the hot path. */
  public void addToEventPutAttemptCount(long delta) {
    putAttempt.addAndGet(delta);
  }

  public void addToEventTakeAttemptCount(long delta) {
    takeAttempt.addAndGet(delta);
  }

  public void addToEventPutSuccessCount(long delta) {
    putSuccess.addAndGet(delta);
  }

  public void addToEventTakeSuccessCount(long delta) {
    takeSuccess.addAndGet(delta);
  }

  public void addToEventDiscardCount(long delta) {
    discarded.addAndGet(delta);
  }

  public long getEventDiscardCount() {
    return discarded.get();
  }

  public long getChannelSize() {
    return channelSize.get();
  }

  public long getChannelCapacity() {
    return capacity.get();
  }

  public long getEventPutAttemptCount() {
    return putAttempt.get();
  }

  public long getEventTakeAttemptCount() {
    return takeAttempt.get();
  }

  public long getEventPutSuccessCount() {
    return putSuccess.get();
  }

  public long getEventTakeSuccessCount() {
    return takeSuccess.get();
  }

  @Override
  public Map<String, Object> attributes() {
    Map<String, Object> values = super.attributes();
    values.put("ChannelFillPercentage", getChannelFillPercentage());
    return values;
  }

  public double getChannelFillPercentage() {
    long cap = capacity.get();
    return cap == 0 ? 0.0 : channelSize.get() * 100.0 / cap;
  }
}
