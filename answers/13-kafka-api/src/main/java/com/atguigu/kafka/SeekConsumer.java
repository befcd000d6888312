package com.atguigu.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Lab 13: the notes' TODO ("低级API"), done with today's consumer: one partition, assigned rather
 * than subscribed (no group, nothing committed), read from an offset of our choosing.
 */
public final class SeekConsumer {

  private SeekConsumer() {}

  /** A consumer of String keys and values, in no group: it reads, it does not commit. */
  public static Properties properties(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return props;
  }

  /**
   * Reads {@code count} records of one partition starting at {@code offset}, or fewer if
   * {@code timeout} passes first.
   */
  public static List<ConsumerRecord<String, String>> read(Consumer<String, String> consumer,
      String topic, int partition, long offset, int count, Duration timeout) {
    TopicPartition tp = new TopicPartition(topic, partition);
    consumer.assign(List.of(tp));
    consumer.seek(tp, offset);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    long end = System.nanoTime() + timeout.toNanos();
    while (records.size() < count && System.nanoTime() < end) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        if (records.size() < count) {
          records.add(record);
        }
      }
    }
    return records;
  }
}
