package io.flumelab.kafka;

import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.CounterSpec;
import io.flumelab.core.spi.CounterSpec.Unit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kafka channel's counters: a channel's, and those of Flume's Kafka channel under its names
 * (time in ms spent getting, sending and committing, and events of rolled-back takes).
 */
final class KafkaChannelCounter extends ChannelCounter {

  static final CounterSpec KAFKA_EVENT_GET_TIMER = CounterSpec.counter("KafkaEventGetTimer",
      "Time spent polling Kafka for events, in seconds.").unit(Unit.MILLISECONDS)
      .snakeName("kafka_event_get");
  static final CounterSpec KAFKA_EVENT_SEND_TIMER = CounterSpec.counter("KafkaEventSendTimer",
      "Time spent sending events to Kafka, in seconds.").unit(Unit.MILLISECONDS)
      .snakeName("kafka_event_send");
  static final CounterSpec KAFKA_COMMIT_TIMER = CounterSpec.counter("KafkaCommitTimer",
      "Time spent committing offsets to Kafka, in seconds.").unit(Unit.MILLISECONDS)
      .snakeName("kafka_commit");
  static final CounterSpec ROLLBACK = CounterSpec.counter("RollbackCount",
      "Events of takes that were rolled back.");

  private final AtomicLong getTime = counter(KAFKA_EVENT_GET_TIMER);
  private final AtomicLong sendTime = counter(KAFKA_EVENT_SEND_TIMER);
  private final AtomicLong commitTime = counter(KAFKA_COMMIT_TIMER);
  private final AtomicLong rolledBack = counter(ROLLBACK);

  KafkaChannelCounter(String name) {
    super(name);
  }

  void addToKafkaEventGetTimer(long millis) {
    getTime.addAndGet(millis);
  }

  void addToKafkaEventSendTimer(long millis) {
    sendTime.addAndGet(millis);
  }

  void addToKafkaCommitTimer(long millis) {
    commitTime.addAndGet(millis);
  }

  void addToRollbackCounter(long events) {
    rolledBack.addAndGet(events);
  }

  long getRollbackCount() {
    return rolledBack.get();
  }
}
