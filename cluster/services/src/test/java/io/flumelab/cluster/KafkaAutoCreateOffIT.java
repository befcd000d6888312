package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.cluster.FirstRecord.Completion;
import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.cluster.kafka.KafkaService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code @LabCluster(kafkaAutoCreateTopics = false)}: three brokers that create no topic on a
 * client's first request, so a record to a topic nobody created fails in its callback. The same
 * send on the default brokers creates the topic: {@link KafkaIT}.
 */
@LabCluster(kafka = 3, kafkaAutoCreateTopics = false)
class KafkaAutoCreateOffIT {

  /** How long the producer waits for a topic's metadata before it gives up on the record. */
  private static final Duration MAX_BLOCK = Duration.ofSeconds(2);

  @Test
  void everyBrokerRunsWithAutoCreateOff(KafkaService kafka, Admin admin) throws Exception {
    assertThat(kafka.autoCreateTopics()).isFalse();
    assertThat(kafka.engine()).endsWith(", auto.create.topics.enable=false");
    assertThat(FirstRecord.autoCreateSettings(admin)).as("auto.create.topics.enable by broker id")
        .isEqualTo(Map.of(1, "false", 2, "false", 3, "false"));
  }

  @Test
  void aRecordToATopicNobodyCreatedFailsInItsCallback(@KafkaBootstrap String bootstrap,
      Admin admin) throws Exception {
    String topic = "nobody-created";

    List<Completion> completions = FirstRecord.send(bootstrap, topic, MAX_BLOCK);

    assertThat(completions).as("the callback's calls for one record").hasSize(1);
    Completion completion = completions.get(0);
    // the brokers answer the producer's metadata requests UNKNOWN_TOPIC_OR_PARTITION, which it
    // retries until max.block.ms has passed
    assertThat(completion.exception()).isInstanceOf(TimeoutException.class)
        .hasMessage("Topic " + topic + " not present in metadata after " + MAX_BLOCK.toMillis()
            + " ms.");
    // kafka-clients 4 passes a placeholder, not null: a callback must test the exception first
    assertThat(completion.metadata()).as("the metadata the callback got with the error")
        .isNotNull();
    assertThat(List.of(completion.metadata().topic(), completion.metadata().offset()))
        .as("its topic and offset").isEqualTo(List.of(topic, -1L));

    assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
        .as("the topics after the send").doesNotContain(topic);
    assertThatThrownBy(() -> admin.describeTopics(Set.of(topic)).allTopicNames()
        .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
  }

  @Test
  void createdTopicsAndConsumerGroupsStillWork(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    // auto.create.topics.enable governs clients' topics only: Admin creates topics, and the
    // group coordinator still creates __consumer_offsets for the first group
    admin.createTopics(List.of(new NewTopic("created", 3, (short) 2))).all()
        .get(30, TimeUnit.SECONDS);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
      producer.send(new ProducerRecord<>("created", "written")).get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "it-created",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
      consumer.subscribe(List.of("created"));
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
          !consumer.poll(Duration.ofMillis(200)).isEmpty());
      consumer.commitSync(Duration.ofSeconds(30));
    }
    assertThat(admin.listConsumerGroupOffsets("it-created").partitionsToOffsetAndMetadata()
        .get(10, TimeUnit.SECONDS)).as("the offsets group it-created committed").isNotEmpty();
  }
}
