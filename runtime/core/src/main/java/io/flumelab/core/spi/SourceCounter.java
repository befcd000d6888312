package io.flumelab.core.spi;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a source. */
public class SourceCounter extends ComponentCounter {

  private final AtomicLong eventReceived = counter("EventReceivedCount");
  private final AtomicLong eventAccepted = counter("EventAcceptedCount");
  private final AtomicLong appendReceived = counter("AppendReceivedCount");
  private final AtomicLong appendAccepted = counter("AppendAcceptedCount");
  private final AtomicLong appendBatchReceived = counter("AppendBatchReceivedCount");
  private final AtomicLong appendBatchAccepted = counter("AppendBatchAcceptedCount");
  private final AtomicLong openConnections = counter("OpenConnectionCount");
  private final AtomicLong eventReadFail = counter("EventReadFail");
  private final AtomicLong channelWriteFail = counter("ChannelWriteFail");
  private final AtomicLong genericProcessingFail = counter("GenericProcessingFail");

  public SourceCounter(String name) {
    super("SOURCE", name);
  }

  public void addToEventReceivedCount(long delta) {
    eventReceived.addAndGet(delta);
  }

  public void incrementEventReceivedCount() {
    eventReceived.incrementAndGet();
  }

  public void addToEventAcceptedCount(long delta) {
    eventAccepted.addAndGet(delta);
  }

  public void incrementEventAcceptedCount() {
    eventAccepted.incrementAndGet();
  }

  public void incrementAppendReceivedCount() {
    appendReceived.incrementAndGet();
  }

  public void incrementAppendAcceptedCount() {
    appendAccepted.incrementAndGet();
  }

  public void incrementAppendBatchReceivedCount() {
    appendBatchReceived.incrementAndGet();
  }

  public void incrementAppendBatchAcceptedCount() {
    appendBatchAccepted.incrementAndGet();
  }

  public void setOpenConnectionCount(long count) {
    openConnections.set(count);
  }

  public void incrementOpenConnectionCount() {
    openConnections.incrementAndGet();
  }

  public void decrementOpenConnectionCount() {
    openConnections.decrementAndGet();
  }

  /** Bytes that could not be read as an event: garbage on a port, a line too long, bad encoding. */
  public void incrementEventReadFail() {
    eventReadFail.incrementAndGet();
  }

  public void incrementChannelWriteFail() {
    channelWriteFail.incrementAndGet();
  }

  public void incrementGenericProcessingFail() {
    genericProcessingFail.incrementAndGet();
  }

  public long getEventReceivedCount() {
    return eventReceived.get();
  }

  public long getEventAcceptedCount() {
    return eventAccepted.get();
  }

  public long getOpenConnectionCount() {
    return openConnections.get();
  }

  public long getEventReadFail() {
    return eventReadFail.get();
  }

  public long getChannelWriteFail() {
    return channelWriteFail.get();
  }
}
