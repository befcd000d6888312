package io.flumelab.labs.kafkaapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** What the cluster holds, read by the test with Kafka's own admin and consumer clients. */
final class Records {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private Records() {}

  /** Creates a topic of that many partitions on two replicas each, and waits for its leaders. */
  static void createTopic(Admin admin, String topic, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 2))).all()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    awaitLeaders(admin, topic);
  }

  /** Creates a topic of one partition on the one broker {@code nodeId}. */
  static void createTopicOn(Admin admin, String topic, int nodeId) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(nodeId))))).all()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    awaitLeaders(admin, topic);
  }

  private static void awaitLeaders(Admin admin, String topic) {
    Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> admin
        .describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
        .partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  /** Each partition's end offset: the offset the next record will get. */
  static Map<Integer, Long> endOffsets(Admin admin, String topic, int partitions)
      throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return admin.listOffsets(latest).all().get(WAIT.toSeconds(), TimeUnit.SECONDS).entrySet()
        .stream().collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
  }

  /** Every record of the topic, from the beginning to each partition's end now, with no group. */
  static List<ConsumerRecord<String, String>> all(String bootstrap, Admin admin, String topic,
      int partitions) throws Exception {
    Map<Integer, Long> ends = endOffsets(admin, topic, partitions);
    long total = ends.values().stream().mapToLong(Long::longValue).sum();
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
      List<TopicPartition> all = ends.keySet().stream()
          .map(p -> new TopicPartition(topic, p)).toList();
      consumer.assign(all);
      consumer.seekToBeginning(all);
      Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= total;
      });
    }
    return records;
  }
}
