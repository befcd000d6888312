package io.flumelab.core.spi;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of a channel. {@code ChannelFillPercentage} is derived from size and capacity. */
public class ChannelCounter extends ComponentCounter {

  public static final CounterSpec CHANNEL_SIZE = CounterSpec.gauge("ChannelSize",
      "Events in the channel now.");
  public static final CounterSpec EVENT_PUT_ATTEMPT = CounterSpec.counter("EventPutAttemptCount",
      "Events sources tried to put.");
  public static final CounterSpec EVENT_TAKE_ATTEMPT = CounterSpec.counter(
      "EventTakeAttemptCount", "Takes sinks tried, including those that found the channel empty.");
  public static final CounterSpec EVENT_PUT_SUCCESS = CounterSpec.counter("EventPutSuccessCount",
      "Events put and committed.");
  public static final CounterSpec EVENT_TAKE_SUCCESS = CounterSpec.counter(
      "EventTakeSuccessCount", "Events taken and committed.");
  public static final CounterSpec CHANNEL_CAPACITY = CounterSpec.gauge("ChannelCapacity",
      "Events the channel can hold.");
  /**
   * Committed events a channel that keeps nothing across a stop gave up when the agent stopped.
   * FlumeLab's own: Flume's channels lose them without a count.
   */
  public static final CounterSpec EVENT_DISCARD = CounterSpec.counter("EventDiscardCount",
      "Committed events given up because the agent stopped before its sinks delivered them.");
  public static final CounterSpec CHANNEL_FILL_PERCENTAGE = CounterSpec.gauge(
      "ChannelFillPercentage", "How full the channel is, in percent of its capacity.");

  private final AtomicLong channelSize = counter(CHANNEL_SIZE);
  private final AtomicLong putAttempt = counter(EVENT_PUT_ATTEMPT);
  private final AtomicLong takeAttempt = counter(EVENT_TAKE_ATTEMPT);
  private final AtomicLong putSuccess = counter(EVENT_PUT_SUCCESS);
  private final AtomicLong takeSuccess = counter(EVENT_TAKE_SUCCESS);
  private final AtomicLong capacity = counter(CHANNEL_CAPACITY);
  private final AtomicLong discarded = counter(EVENT_DISCARD);

  public ChannelCounter(String name) {
    super("CHANNEL", name);
    reports(CHANNEL_FILL_PERCENTAGE);
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
    values.put(CHANNEL_FILL_PERCENTAGE.name(), getChannelFillPercentage());
    return values;
  }

  public double getChannelFillPercentage() {
    long cap = capacity.get();
    return cap == 0 ? 0.0 : channelSize.get() * 100.0 / cap;
  }
}
