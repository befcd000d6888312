package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One record sent to a topic with a callback, for the tests of {@code auto.create.topics.enable}:
 * the same producer, with and without the brokers creating the topic, so that only the setting
 * differs.
 */
final class FirstRecord {

  /** What the producer's callback was given, once per call. */
  record Completion(RecordMetadata metadata, Exception exception) {}

  private FirstRecord() {}

  /**
   * Sends one record to {@code topic} and returns every completion its callback saw. A producer
   * waits up to {@code maxBlock} in {@code send} for the topic's metadata; when the topic never
   * appears, {@code send} completes the callback itself, on this thread.
   */
  static List<Completion> send(String bootstrap, String topic, Duration maxBlock) {
    ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis()))) {
      producer.send(new ProducerRecord<>(topic, "first record"),
          (metadata, exception) -> completions.add(new Completion(metadata, exception)));
      // close() would wait too; flush() makes the wait for a delivered record's callback explicit
      producer.flush();
    }
    return new ArrayList<>(completions);
  }

  /** Each broker's {@code auto.create.topics.enable}, by broker id, as the brokers report it. */
  static Map<Integer, String> autoCreateSettings(Admin admin) throws Exception {
    List<ConfigResource> brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)
        .stream().map(node -> new ConfigResource(ConfigResource.Type.BROKER, node.idString()))
        .toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(brokers).all()
        .get(10, TimeUnit.SECONDS);
    assertThat(configs).as("the configurations of brokers %s", brokers).hasSize(brokers.size());
    return configs.entrySet().stream().collect(Collectors.toMap(
        e -> Integer.valueOf(e.getKey().name()),
        e -> e.getValue().get("auto.create.topics.enable").value()));
  }
}
