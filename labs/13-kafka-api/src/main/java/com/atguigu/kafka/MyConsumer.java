package com.atguigu.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Lab 13: the notes' KafkaConsumerTest, a consumer in a group that commits its offsets itself. */
public final class MyConsumer {

  private MyConsumer() {}

  /**
   * A consumer of String keys and values in group {@code groupId}, committing its offsets
   * automatically every second; a group with no committed offset starts at the earliest record.
   */
  public static Properties properties(String bootstrapServers, String groupId) {
    Properties props = new Properties();
    // TODO: the old consumer found its brokers and kept its offsets through ZooKeeper, which
    //  Kafka 4 does not have; name the brokers, the group, auto commit, where a new group
    //  starts, and the deserializers (ConsumerConfig's constants)
    props.put("zookeeper.connect", "hadoop102:2181,hadoop103:2181,hadoop105:2181");
    props.put("group.id", groupId);
    return props;
  }

  /**
   * Subscribes to the topic and polls until {@code count} records came or {@code timeout} passed;
   * returns the records read.
   */
  public static List<ConsumerRecord<String, String>> consume(Consumer<String, String> consumer,
      String topic, int count, Duration timeout) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    // TODO: the notes' loop, which polls forever; stop at count records or at the timeout
    return records;
  }
}
