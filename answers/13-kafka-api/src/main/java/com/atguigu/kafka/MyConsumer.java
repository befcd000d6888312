package com.atguigu.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Lab 13: the notes' KafkaConsumerTest, a consumer in a group that commits its offsets itself. */
public final class MyConsumer {

  private MyConsumer() {}

  /**
   * A consumer of String keys and values in group {@code groupId}, committing its offsets
   * automatically every second; a group with no committed offset starts at the earliest record.
   */
  public static Properties properties(String bootstrapServers, String groupId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
    props.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 1000);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return props;
  }

  /**
   * Subscribes to the topic and polls until {@code count} records came or {@code timeout} passed;
   * returns the records read.
   */
  public static List<ConsumerRecord<String, String>> consume(Consumer<String, String> consumer,
      String topic, int count, Duration timeout) {
    consumer.subscribe(List.of(topic));
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    long end = System.nanoTime() + timeout.toNanos();
    while (records.size() < count && System.nanoTime() < end) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }
}
