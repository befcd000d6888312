package io.flumelab.labs.kafkacli;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * The lab's topic {@value #TOPIC} on the course's brokers, as the tests of the steps after
 * {@code create} need it, and the records they write into it with a producer of their own.
 */
final class FirstTopic {

  static final String TOPIC = "first";
  /** How long the cluster may take to do what an admin or producer asked. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private FirstTopic() {
  }

  /** Makes first as the create step should, if an earlier test did not leave it. */
  static void ensure(Admin admin) throws Exception {
    if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(TOPIC)) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 2))).all()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    awaitLeaders(admin, TOPIC);
  }

  static TopicDescription awaitLeaders(Admin admin, String topic) {
    return Awaitility.await().atMost(WAIT).ignoreExceptions()
        .until(() -> describe(admin, topic), d -> d.partitions().stream()
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  static TopicDescription describe(Admin admin, String topic) throws Exception {
    return admin.describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
        .get(topic);
  }

  /** {@code count} distinct lines: the prefix and a number. */
  static List<String> lines(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("%s %04d", prefix, i)).toList();
  }

  /** Sends the lines to partitions 0 and 1 of first in turn, so that each partition holds half. */
  static void sendToBothPartitions(String bootstrap, List<String> lines) {
    try (KafkaProducer<String, String> producer = producer(bootstrap, new Properties())) {
      for (int i = 0; i < lines.size(); i++) {
        producer.send(new ProducerRecord<>(TOPIC, i % 2, null, lines.get(i)));
      }
    }
  }

  /** A producer of string records, with the {@code extra} settings. */
  static KafkaProducer<String, String> producer(String bootstrap, Properties extra) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.putAll(extra);
    return new KafkaProducer<>(p);
  }
}
