package io.flumelab.kafka;

import io.flumelab.api.ChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One taking thread's reader of the channel's topic: a consumer of the channel's group (Kafka's
 * consumer serves one thread, so each sink thread has its own and the group shares the
 * partitions out) and the records it polled that no transaction has taken yet.
 *
 * <p>Kafka is polled only while the calling transaction has taken nothing, so a rebalance, which
 * happens inside a poll, never takes a partition away from under a transaction's takes: their
 * offsets can be committed, or rewound, as the transaction ends.
 */
final class Taker {

  private static final Logger LOG = LoggerFactory.getLogger(Taker.class);

  private final String owner;
  private final Thread thread = Thread.currentThread();
  private final KafkaConsumer<String, byte[]> consumer;
  private final Duration pollTimeout;
  private final Deque<ConsumerRecord<String, byte[]>> polled = new ArrayDeque<>();
  private volatile boolean closed;

  Taker(String owner, Properties consumerProperties, String topic, Duration pollTimeout) {
    this.owner = owner;
    this.pollTimeout = pollTimeout;
    consumer = new KafkaConsumer<>(consumerProperties);
    consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // not taken, so not committed: their new reader reads them from the committed offsets
        polled.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.info("{} reads {}", owner, partitions);
      }
    });
  }

  /**
   * The next record not yet taken, polling Kafka for more only when {@code mayPoll}; null when
   * there is none.
   */
  ConsumerRecord<String, byte[]> next(boolean mayPoll) {
    if (polled.isEmpty() && mayPoll) {
      try {
        consumer.poll(pollTimeout).forEach(polled::add);
      } catch (WakeupException e) {
        return null; // the channel is stopping
      } catch (KafkaException e) {
        throw new ChannelException(owner + " cannot read its topic: " + e.getMessage()
            + "; roll the transaction back and take again after a pause", e);
      }
    }
    return polled.poll();
  }

  /**
   * Commits the group's offsets; false when Kafka refused (a rebalance, no broker): the records
   * stay taken, and are read again only if their partition changes reader before a later commit.
   */
  boolean commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets);
      return true;
    } catch (KafkaException e) {
      LOG.warn("{}: committing offsets {} failed ({}); if the partitions change reader before the"
          + " next commit, these events are taken again", owner, offsets, e.getMessage());
      return false;
    }
  }

  /** Makes the records from these offsets on the next to take, in their order. */
  void rewind(Map<TopicPartition, Long> firstTaken) {
    polled.removeIf(r -> firstTaken.containsKey(new TopicPartition(r.topic(), r.partition())));
    // a partition is only lost in a poll, and none ran since these were taken; but never seek
    // what this consumer no longer reads
    firstTaken.entrySet().stream().filter(e -> consumer.assignment().contains(e.getKey()))
        .forEach(e -> consumer.seek(e.getKey(), e.getValue()));
  }

  boolean isClosed() {
    return closed;
  }

  /** Whether the thread that took through it has ended (a sink runner restarted, say). */
  boolean isOrphaned() {
    return !thread.isAlive();
  }

  /** Called when the channel stops, after the sinks stopped taking. */
  void close() {
    closed = true;
    try {
      consumer.wakeup();
      consumer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) { // also a poll still running on the taking thread
      LOG.warn("{}: closing its consumer: {}", owner, e.getMessage());
    }
  }
}
