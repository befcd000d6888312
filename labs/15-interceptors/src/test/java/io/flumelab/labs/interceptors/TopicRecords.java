package io.flumelab.labs.interceptors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/** Topics the tests create, and what the brokers hold, read with Kafka's own clients. */
final class TopicRecords {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private TopicRecords() {}

  /** Creates a topic of that many partitions, two replicas each, with the topic configs given. */
  static void create(Admin admin, String topic, int partitions, Map<String, String> configs)
      throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 2).configs(configs))).all()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> admin
        .describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
        .partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  /** Every record of the topic, from the beginning to each partition's end now, with no group. */
  static List<ConsumerRecord<String, String>> all(String bootstrap, Admin admin, String topic,
      int partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> ends = admin.listOffsets(latest).all()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    long total = ends.values().stream().mapToLong(Long::longValue).sum();
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
      List<TopicPartition> all = List.copyOf(ends.keySet());
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
