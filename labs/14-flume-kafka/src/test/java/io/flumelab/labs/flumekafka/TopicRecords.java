package io.flumelab.labs.flumekafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * The records a topic receives during one test: a consumer of every partition, starting where each
 * ended when the test began, so records of earlier tests are not counted. No consumer group: the
 * test reads, it does not commit. Used by the test's thread only, as Kafka's consumer requires.
 */
final class TopicRecords implements AutoCloseable {

  private static final Duration ADMIN = Duration.ofSeconds(30);

  private final String topic;
  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

  private TopicRecords(String bootstrap, String topic) {
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    List<TopicPartition> partitions = consumer.partitionsFor(topic, ADMIN).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // the seek is lazy: fix each partition's position now, before the test writes
    partitions.forEach(p -> consumer.position(p, ADMIN));
  }

  /** Reads the topic from its current end on. */
  static TopicRecords fromNowOn(String bootstrap, String topic) {
    return new TopicRecords(bootstrap, topic);
  }

  /**
   * Creates the topic with that many partitions and replicas unless it exists (an earlier test of
   * the class made it), and waits until each partition has a leader.
   */
  static void createIfAbsent(Admin admin, String topic, int partitions, int replicas)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replicas))).all()
          .get(ADMIN.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    Awaitility.await().atMost(ADMIN).ignoreExceptions().until(() -> describe(admin, topic)
        .partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  /** The host name of the broker that leads a partition of the topic now. */
  static String leaderOf(Admin admin, String topic, int partition) throws Exception {
    Node leader = describe(admin, topic).partitions().stream()
        .filter(p -> p.partition() == partition).findFirst().orElseThrow().leader();
    return leader.host();
  }

  private static TopicDescription describe(Admin admin, String topic) throws Exception {
    return admin.describeTopics(Set.of(topic)).allTopicNames()
        .get(ADMIN.toSeconds(), TimeUnit.SECONDS).get(topic);
  }

  /** Polls once (at most 200 ms) and returns every record read so far, per partition in order. */
  List<ConsumerRecord<String, String>> poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return List.copyOf(records);
  }

  /** The records read so far, without polling. */
  List<ConsumerRecord<String, String>> read() {
    return List.copyOf(records);
  }

  String topic() {
    return topic;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
