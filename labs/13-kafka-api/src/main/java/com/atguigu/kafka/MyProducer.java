package com.atguigu.kafka;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.Producer;

/** Lab 13: the notes' producer (KafkaAPITest), its three ways of choosing a partition. */
public final class MyProducer {

  private MyProducer() {}

  /** A producer of String keys and values to these brokers, acknowledged by every in-sync replica. */
  public static Properties properties(String bootstrapServers) {
    Properties props = new Properties();
    // TODO: these are Kafka 0.8's keys, which Kafka 4's producer does not read; use today's
    //  (ProducerConfig's constants name them), with acks = all
    props.put("metadata.broker.list", bootstrapServers);
    props.put("serializer.class", "kafka.serializer.StringEncoder");
    return props;
  }

  /** The same, with records without a key spread one by one over the partitions in turn. */
  public static Properties roundRobinProperties(String bootstrapServers) {
    Properties props = properties(bootstrapServers);
    // TODO: since Kafka 2.4 a record without a key sticks to one partition for a batch, then
    //  another; round robin, as the notes describe it, is a partitioner of its own
    return props;
  }

  /** Values only: the partitioner chooses (round robin with {@link #roundRobinProperties}). */
  public static void sendRoundRobin(Producer<String, String> producer, String topic,
      List<String> values) {
    // TODO: the notes' first way
    throw new UnsupportedOperationException("TODO: MyProducer.sendRoundRobin");
  }

  /** Key and values: the key's hash chooses the partition, so one key stays in one partition. */
  public static void sendByKey(Producer<String, String> producer, String topic, String key,
      List<String> values) {
    // TODO: the notes' second way
    throw new UnsupportedOperationException("TODO: MyProducer.sendByKey");
  }

  /** Partition, key and value: the record goes to that partition, whatever its key. */
  public static void sendToPartition(Producer<String, String> producer, String topic,
      int partition, List<String> values) {
    // TODO: the notes' third way
    throw new UnsupportedOperationException("TODO: MyProducer.sendToPartition");
  }
}
