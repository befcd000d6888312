package com.atguigu.kafka;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A second answer: the notes' string keys, acks written -1, sends awaited one by one. */
public final class MyProducer {

  private MyProducer() {}

  public static Properties properties(String bootstrapServers) {
    Properties props = new Properties();
    props.setProperty("bootstrap.servers", bootstrapServers);
    props.setProperty("acks", "-1");
    props.setProperty("retries", "3");
    props.setProperty("batch.size", "16384");
    props.setProperty("buffer.memory", "33554432");
    props.setProperty("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    props.setProperty("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    return props;
  }

  public static Properties roundRobinProperties(String bootstrapServers) {
    Properties props = properties(bootstrapServers);
    props.setProperty("partitioner.class", "org.apache.kafka.clients.producer.RoundRobinPartitioner");
    return props;
  }

  public static void sendRoundRobin(Producer<String, String> producer, String topic,
      List<String> values) {
    values.forEach(value -> await(producer, new ProducerRecord<String, String>(topic, null, value)));
  }

  public static void sendByKey(Producer<String, String> producer, String topic, String key,
      List<String> values) {
    values.forEach(value -> await(producer, new ProducerRecord<>(topic, key, value)));
  }

  public static void sendToPartition(Producer<String, String> producer, String topic,
      int partition, List<String> values) {
    values.forEach(value -> await(producer, new ProducerRecord<>(topic, partition, null, value)));
  }

  /** Sends and waits for the broker's answer: slower than batching, simpler to reason about. */
  private static void await(Producer<String, String> producer, ProducerRecord<String, String> record) {
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not send " + record, e);
    }
  }
}
