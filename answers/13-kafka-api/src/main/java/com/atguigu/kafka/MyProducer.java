package com.atguigu.kafka;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;

/** Lab 13: the notes' producer (KafkaAPITest), its three ways of choosing a partition. */
public final class MyProducer {

  private MyProducer() {}

  /** A producer of String keys and values to these brokers, acknowledged by every in-sync replica. */
  public static Properties properties(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return props;
  }

  /** The same, with records without a key spread one by one over the partitions in turn. */
  public static Properties roundRobinProperties(String bootstrapServers) {
    Properties props = properties(bootstrapServers);
    props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class.getName());
    return props;
  }

  /** Values only: the partitioner chooses (round robin with {@link #roundRobinProperties}). */
  public static void sendRoundRobin(Producer<String, String> producer, String topic,
      List<String> values) {
    for (String value : values) {
      producer.send(new ProducerRecord<>(topic, value));
    }
    producer.flush();
  }

  /** Key and values: the key's hash chooses the partition, so one key stays in one partition. */
  public static void sendByKey(Producer<String, String> producer, String topic, String key,
      List<String> values) {
    for (String value : values) {
      producer.send(new ProducerRecord<>(topic, key, value));
    }
    producer.flush();
  }

  /** Partition, key and value: the record goes to that partition, whatever its key. */
  public static void sendToPartition(Producer<String, String> producer, String topic,
      int partition, List<String> values) {
    for (String value : values) {
      producer.send(new ProducerRecord<>(topic, partition, value, value));
    }
    producer.flush();
  }
}
