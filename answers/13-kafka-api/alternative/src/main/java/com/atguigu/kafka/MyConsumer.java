package com.atguigu.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/** A second answer: the notes' string keys, a deadline as an Instant. */
public final class MyConsumer {

  private MyConsumer() {}

  public static Properties properties(String bootstrapServers, String groupId) {
    Properties props = new Properties();
    props.setProperty("bootstrap.servers", bootstrapServers);
    props.setProperty("group.id", groupId);
    props.setProperty("enable.auto.commit", "true");
    props.setProperty("auto.commit.interval.ms", "1000");
    props.setProperty("auto.offset.reset", "earliest");
    props.setProperty("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    props.setProperty("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    return props;
  }

  public static List<ConsumerRecord<String, String>> consume(Consumer<String, String> consumer,
      String topic, int count, Duration timeout) {
    consumer.subscribe(Collections.singletonList(topic));
    Instant deadline = Instant.now().plus(timeout);
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    while (read.size() < count && Instant.now().isBefore(deadline)) {
      ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
      for (ConsumerRecord<String, String> record : records) {
        read.add(record);
      }
    }
    return read;
  }
}
