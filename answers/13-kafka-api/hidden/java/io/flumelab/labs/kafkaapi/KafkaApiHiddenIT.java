package io.flumelab.labs.kafkaapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atguigu.kafka.MyPartitioner;
import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Hidden (instructor-only) tests of lab 13: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests give the custom partitioner a topic of 3 partitions, so a
 * partitioner that divides by 3 instead of asking the cluster for the topic's partition count
 * passes them; this one gives it 5.
 */
@LabTest
@LabCluster(kafka = 3, kafkaAutoCreateTopics = false)
@DisplayName("Lab 13 (hidden): Kafka's producer and consumer API")
class KafkaApiHiddenIT {

  private static final int PARTITIONS = 5;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("the custom partitioner counts the topic's partitions: on a topic of 5, key n goes to n mod 5")
  void theCustomPartitionerCountsThePartitions(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "five-partitions";
    Records.createTopic(admin, topic, PARTITIONS);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(ClientKeys
        .assertProducerKeys("MyPartitioner.producerProperties",
            MyPartitioner.producerProperties(bootstrap)))) {
      for (int key = 0; key < 20; key++) {
        producer.send(new ProducerRecord<>(topic, String.valueOf(key), "number " + key));
      }
      producer.send(new ProducerRecord<>(topic, "y", "word y"));
    }

    Map<String, ConsumerRecord<String, String>> read = Records.all(bootstrap, admin, topic,
        PARTITIONS).stream().collect(Collectors.toMap(ConsumerRecord::value,
            Function.identity(), (first, second) -> first));
    for (int key = 0; key < 20; key++) {
      assertThat(read.get("number " + key)).as("the record of key %d", key).isNotNull()
          .extracting(ConsumerRecord::partition)
          .as("the partition of key %d on a topic of %d partitions (%d mod %d: the count comes "
              + "from the cluster, e.g. cluster.partitionCountForTopic(topic), not from the "
              + "code)", key, PARTITIONS, key, PARTITIONS)
          .isEqualTo(key % PARTITIONS);
    }
    assertThat(read.get("word y").partition()).as("the partition of key y").isZero();
  }
}
