package com.atguigu.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** A second answer: one poll's records of the partition only, cut at count. */
public final class SeekConsumer {

  private SeekConsumer() {}

  public static Properties properties(String bootstrapServers) {
    Properties props = new Properties();
    props.setProperty("bootstrap.servers", bootstrapServers);
    props.setProperty("enable.auto.commit", "false");
    props.setProperty("max.poll.records", "100");
    props.setProperty("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    props.setProperty("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    return props;
  }

  public static List<ConsumerRecord<String, String>> read(Consumer<String, String> consumer,
      String topic, int partition, long offset, int count, Duration timeout) {
    TopicPartition wanted = new TopicPartition(topic, partition);
    consumer.assign(Collections.singleton(wanted));
    consumer.seek(wanted, offset);
    Instant deadline = Instant.now().plus(timeout);
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    while (read.size() < count && Instant.now().isBefore(deadline)) {
      List<ConsumerRecord<String, String>> polled = consumer.poll(Duration.ofMillis(500)).records(wanted);
      read.addAll(polled.subList(0, Math.min(polled.size(), count - read.size())));
    }
    return read;
  }
}
