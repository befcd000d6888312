package com.atguigu.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/** A second answer: the key parsed, anything that is not a number to partition 0. */
public class MyPartitioner implements Partitioner {

  public static Properties producerProperties(String bootstrapServers) {
    Properties props = MyProducer.properties(bootstrapServers);
    props.put("partitioner.class", MyPartitioner.class);
    return props;
  }

  @Override
  public int partition(String topic, Object key, byte[] keyBytes, Object value,
      byte[] valueBytes, Cluster cluster) {
    if (key == null) {
      return 0;
    }
    try {
      return Math.floorMod(Integer.parseInt(key.toString().trim()),
          cluster.partitionsForTopic(topic).size());
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
