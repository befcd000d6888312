package com.atguigu.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Lab 13: the notes' TODO ("低级API": read one partition of a topic from a given offset), with
 * today's consumer: the partition is assigned rather than subscribed (no group, nothing
 * committed), and the consumer seeks to the offset.
 */
public final class SeekConsumer {

  private SeekConsumer() {}

  /** A consumer of String keys and values, in no group: it reads, it does not commit. */
  public static Properties properties(String bootstrapServers) {
    Properties props = new Properties();
    // TODO: the brokers, no auto commit, the deserializers
    return props;
  }

  /**
   * Reads {@code count} records of one partition starting at {@code offset}, or fewer if
   * {@code timeout} passes first.
   */
  public static List<ConsumerRecord<String, String>> read(Consumer<String, String> consumer,
      String topic, int partition, long offset, int count, Duration timeout) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    // TODO: assign the partition, seek to the offset, poll until count records or the timeout
    return records;
  }
}
