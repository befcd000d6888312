package io.flumelab.core.spi;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a source. */
public class SourceCounter extends ComponentCounter {

  public static final CounterSpec EVENT_RECEIVED = CounterSpec.counter("EventReceivedCount",
      "Events the source received.");
  public static final CounterSpec EVENT_ACCEPTED = CounterSpec.counter("EventAcceptedCount",
      "Events the source put on its channels (committed).");
  public static final CounterSpec APPEND_RECEIVED = CounterSpec.counter("AppendReceivedCount",
      "Single-event appends received (avro).");
  public static final CounterSpec APPEND_ACCEPTED = CounterSpec.counter("AppendAcceptedCount",
      "Single-event appends put on the channels (avro).");
  public static final CounterSpec APPEND_BATCH_RECEIVED = CounterSpec.counter(
      "AppendBatchReceivedCount", "Batches received (avro appendBatch).");
  public static final CounterSpec APPEND_BATCH_ACCEPTED = CounterSpec.counter(
      "AppendBatchAcceptedCount", "Batches put on the channels (avro appendBatch).");
  public static final CounterSpec OPEN_CONNECTIONS = CounterSpec.gauge("OpenConnectionCount",
      "Client connections open now.").snakeName("open_connections");
  public static final CounterSpec EVENT_READ_FAIL = CounterSpec.counter("EventReadFail",
      "Inputs that could not be read as an event (bad bytes, a line too long, bad encoding).");
  public static final CounterSpec CHANNEL_WRITE_FAIL = CounterSpec.counter("ChannelWriteFail",
      "Batches the source could not put on its channels (a channel full or failing).");
  public static final CounterSpec GENERIC_PROCESSING_FAIL = CounterSpec.counter(
      "GenericProcessingFail", "Other failures of the source while processing.");

  private final AtomicLong eventReceived = counter(EVENT_RECEIVED);
  private final AtomicLong eventAccepted = counter(EVENT_ACCEPTED);
  private final AtomicLong appendReceived = counter(APPEND_RECEIVED);
  private final AtomicLong appendAccepted = counter(APPEND_ACCEPTED);
  private final AtomicLong appendBatchReceived = counter(APPEND_BATCH_RECEIVED);
  private final AtomicLong appendBatchAccepted = counter(APPEND_BATCH_ACCEPTED);
  private final AtomicLong openConnections = counter(OPEN_CONNECTIONS);
  private final AtomicLong eventReadFail = counter(EVENT_READ_FAIL);
  private final AtomicLong channelWriteFail = counter(CHANNEL_WRITE_FAIL);
  private final AtomicLong genericProcessingFail = counter(GENERIC_PROCESSING_FAIL);

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
