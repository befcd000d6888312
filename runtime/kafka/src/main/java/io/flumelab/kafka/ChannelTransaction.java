package io.flumelab.kafka;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.ThrottledLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.LoggerFactory;

/**
 * One transaction on the Kafka channel, on the thread that began it, with Flume's meaning: it
 * either puts or takes. A put transaction holds its records until {@link #commit}, which returns
 * only once Kafka acknowledged every one (a rollback sends nothing). A take transaction commits
 * the group's offsets of what it took on {@link #commit}; a rollback rewinds its partitions, so
 * the same events are taken again, in order.
 *
 * <pre>
 *   NEW --begin--> OPEN --commit/rollback--> COMPLETED --close--> CLOSED
 * </pre>
 *
 * A commit that throws leaves the transaction OPEN, for the caller to roll back.
 */
final class ChannelTransaction implements Transaction {

  /** Records another program wrote to the topic may come by the thousand: one warning per 10 s. */
  private static final ThrottledLog NOT_FLUME_EVENTS =
      new ThrottledLog(LoggerFactory.getLogger(ChannelTransaction.class));

  enum State { NEW, OPEN, COMPLETED, CLOSED }

  private final KafkaChannel channel;
  private final Thread owner = Thread.currentThread();
  private State state = State.NEW;

  private final List<Event> puts = new ArrayList<>();
  private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
  private int taken;
  private final Map<TopicPartition, Long> firstTaken = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> nextToTake = new HashMap<>();

  ChannelTransaction(KafkaChannel channel) {
    this.channel = channel;
  }

  State state() {
    return state;
  }

  @Override
  public void begin() {
    checkOwner("begin");
    if (state != State.NEW) {
      throw new IllegalStateException("begin() called when the transaction is " + state
          + ": call getTransaction() again after close() for a new transaction");
    }
    state = State.OPEN;
  }

  void put(Event event) {
    checkOpen("put");
    if (taken > 0) {
      throw mixed();
    }
    channel.counter().incrementEventPutAttemptCount();
    try {
      records.add(channel.records().recordOf(event));
    } catch (IllegalArgumentException e) {
      throw new ChannelException(channel.describe() + ": the event cannot be written to Kafka: "
          + e.getMessage());
    }
    puts.add(event);
  }

  Event take() {
    checkOpen("take");
    if (!records.isEmpty()) {
      throw mixed();
    }
    channel.counter().incrementEventTakeAttemptCount();
    long start = System.nanoTime();
    ConsumerRecord<String, byte[]> record = channel.taker().next(taken == 0);
    channel.counter().addToKafkaEventGetTimer(millisSince(start));
    if (record == null) {
      return null;
    }
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    firstTaken.putIfAbsent(partition, record.offset());
    nextToTake.put(partition, new OffsetAndMetadata(record.offset() + 1));
    taken++;
    return eventOf(record);
  }

  private Event eventOf(ConsumerRecord<String, byte[]> record) {
    byte[] value = record.value() == null ? new byte[0] : record.value();
    Event event;
    if (channel.parseAsFlumeEvent()) {
      try {
        event = FlumeEventFormat.decode(value);
      } catch (IllegalArgumentException e) {
        // another producer wrote to the channel's topic: pass the value on rather than stop
        NOT_FLUME_EVENTS.warn("{}: record {}-{}@{} is not in Flume's event format ({}); its value becomes the "
            + "body (set parseAsFlumeEvent = false if others write plain values to {})",
            channel.describe(), record.topic(), record.partition(), record.offset(),
            e.getMessage(), record.topic());
        event = EventBuilder.withBody(value);
      }
    } else {
      event = EventBuilder.withBody(value);
    }
    if (record.key() != null) {
      event.getHeaders().put(EventRecords.KEY_HEADER, record.key());
    }
    return event;
  }

  @Override
  public void commit() {
    checkOwner("commit");
    if (state != State.OPEN) {
      throw new IllegalStateException("commit() called when the transaction is " + state
          + ": a transaction is committed or rolled back once, after begin(), then closed");
    }
    if (!records.isEmpty()) {
      long start = System.nanoTime();
      channel.sendAll(records, puts);
      channel.counter().addToKafkaEventSendTimer(millisSince(start));
      channel.counter().addToEventPutSuccessCount(records.size());
    } else if (taken > 0) {
      long start = System.nanoTime();
      channel.taker().commit(nextToTake);
      channel.counter().addToKafkaCommitTimer(millisSince(start));
      channel.counter().addToEventTakeSuccessCount(taken);
    }
    state = State.COMPLETED;
  }

  @Override
  public void rollback() {
    checkOwner("rollback");
    if (state != State.OPEN) {
      throw new IllegalStateException("rollback() called when the transaction is " + state
          + ": a transaction is committed or rolled back once, after begin(), then closed");
    }
    state = State.COMPLETED;
    if (taken > 0) {
      channel.taker().rewind(firstTaken);
      channel.counter().addToRollbackCounter(taken);
    }
  }

  @Override
  public void close() {
    checkOwner("close");
    if (state != State.NEW && state != State.COMPLETED) {
      throw new IllegalStateException("close() called when the transaction is " + state
          + ": commit() or rollback() it first");
    }
    state = State.CLOSED;
  }

  private ChannelException mixed() {
    return new ChannelException(channel.describe() + ": a transaction either puts or takes; "
        + "use one transaction for each");
  }

  private void checkOpen(String operation) {
    checkOwner(operation);
    if (state != State.OPEN) {
      throw new ChannelException(operation + "() on " + channel.describe()
          + " while its transaction is " + state + ": call getTransaction() and begin() first, "
          + "then " + operation + ", then commit() or rollback(), and close()");
    }
  }

  private void checkOwner(String operation) {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(operation + "() called from thread "
          + Thread.currentThread().getName() + " but the transaction belongs to thread "
          + owner.getName() + ": each thread uses the transaction getTransaction() gave it");
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
