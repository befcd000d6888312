package com.atguigu.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Cluster;

/**
 * Lab 13: the notes' CustomerPartition. A record whose key is a whole number n goes to partition
 * n modulo the topic's partition count; any other record to partition 0.
 */
public class MyPartitioner implements Partitioner {

  /** {@link MyProducer#properties} with this class as the producer's partitioner. */
  public static Properties producerProperties(String bootstrapServers) {
    Properties props = MyProducer.properties(bootstrapServers);
    props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, MyPartitioner.class.getName());
    return props;
  }

  @Override
  public int partition(String topic, Object key, byte[] keyBytes, Object value,
      byte[] valueBytes, Cluster cluster) {
    int partitions = cluster.partitionCountForTopic(topic);
    if (key instanceof String text && text.matches("\\d{1,9}")) {
      return Integer.parseInt(text) % partitions;
    }
    return 0;
  }

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
