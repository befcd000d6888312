package io.flumelab.kafka;

import io.flumelab.core.spi.ChannelCounter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kafka channel's counters: a channel's, and those of Flume's Kafka channel under its names
 * (time in ms spent getting, sending and committing, and events of rolled-back takes).
 */
final class KafkaChannelCounter extends ChannelCounter {

  private final AtomicLong getTime = counter("KafkaEventGetTimer");
  private final AtomicLong sendTime = counter("KafkaEventSendTimer");
  private final AtomicLong commitTime = counter("KafkaCommitTimer");
  private final AtomicLong rolledBack = counter("RollbackCount");

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
