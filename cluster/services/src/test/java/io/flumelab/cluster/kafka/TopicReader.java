package io.flumelab.cluster.kafka;

import io.flumelab.cluster.LabHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Makes topics and reads everything a topic holds, up to its end, for tests to count. */
final class TopicReader {

  private TopicReader() {}

  /**
   * Creates the topic and returns once every partition has a leader: a broker answers "does not
   * host this topic-partition" for a moment after creation, until the metadata reaches it.
   */
  static void create(Admin admin, String topic, int partitions, int replicas) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replicas))).all()
        .get(30, TimeUnit.SECONDS);
    Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
        describe(admin, topic).partitions().stream()
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  /** The host of the broker leading the topic's partition 0, the one a failover test stops. */
  static LabHost leaderOf(Admin admin, String topic) throws Exception {
    return LabHost.named(describe(admin, topic).partitions().get(0).leader().host());
  }

  private static TopicDescription describe(Admin admin, String topic) throws Exception {
    return admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
        .get(topic);
  }

  /** Every record of the topic, partition by partition in offset order, read to its end offset. */
  static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
          .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
      });
      return records;
    }
  }

  static Set<String> topics(Admin admin) throws Exception {
    return admin.listTopics().names().get(30, TimeUnit.SECONDS);
  }
}
