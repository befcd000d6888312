package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.cluster.kafka.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@LabCluster(kafka = 3)
class KafkaIT {

  private static final String BOOTSTRAP = "hadoop102:9092,hadoop103:9092,hadoop105:9092";

  @Test
  void threeBrokersOnTheCourseHosts(@KafkaBootstrap String bootstrap, Admin admin) throws Exception {
    assertThat(bootstrap).isEqualTo(BOOTSTRAP);
    assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
        .extracting(node -> node.host() + ":" + node.port())
        .containsExactlyInAnyOrder("hadoop102:9092", "hadoop103:9092", "hadoop105:9092");
  }

  @Test
  void topicWithThreePartitionsAndTwoReplicasCarriesRecords(Admin admin) throws Exception {
    admin.createTopics(List.of(new NewTopic("sec", 3, (short) 2))).all().get(30, TimeUnit.SECONDS);
    // a broker may answer before the new topic's metadata reached it
    TopicDescription description = Awaitility.await().atMost(Duration.ofSeconds(30))
        .ignoreExceptions().until(() -> admin.describeTopics(Set.of("sec")).allTopicNames()
            .get(10, TimeUnit.SECONDS).get("sec"), found -> found != null);
    assertThat(description.partitions()).hasSize(3)
        .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(2));

    try (KafkaProducer<String, String> producer = producer("1")) {
      for (int i = 0; i < 30; i++) {
        producer.send(new ProducerRecord<>("sec", "k" + i, "message-" + i)).get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(consumeAll("sec", 30)).hasSize(30).contains("message-0", "message-29");
  }

  @Test
  void acksAllProducingSurvivesOneBrokerStopped(KafkaService kafka, Admin admin) throws Exception {
    admin.createTopics(List.of(new NewTopic("survive", 3, (short) 2))).all().get(30, TimeUnit.SECONDS);
    try (KafkaProducer<String, String> producer = producer("all")) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("survive", "before-" + i)).get(30, TimeUnit.SECONDS);
      }
      kafka.stopBroker(LabHost.HADOOP103);
      try {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("survive", "after-" + i)).get(60, TimeUnit.SECONDS);
        }
      } finally {
        kafka.startBroker(LabHost.HADOOP103);
      }
    }
    List<String> values = consumeAll("survive", 20);
    assertThat(values).hasSize(20).contains("before-0", "before-9", "after-0", "after-9");
    Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 3);
  }

  @Test
  void aRecordToATopicNobodyCreatedCreatesItByDefault(@KafkaBootstrap String bootstrap,
      Admin admin) throws Exception {
    assertThat(FirstRecord.autoCreateSettings(admin)).as("auto.create.topics.enable by broker id")
        .isEqualTo(Map.of(1, "true", 2, "true", 3, "true"));
    String topic = "created-on-first-use";

    // as long as the topic's creation and leader election may take, not KafkaAutoCreateOffIT's 2 s
    List<FirstRecord.Completion> completions =
        FirstRecord.send(bootstrap, topic, Duration.ofSeconds(30));

    assertThat(completions).as("the callback's calls for one record").hasSize(1);
    assertThat(completions.get(0).exception()).as("the error the callback got").isNull();
    assertThat(completions.get(0).metadata().topic()).isEqualTo(topic);
    assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
        .as("the topics after the send").contains(topic);
  }

  private static KafkaProducer<String, String> producer(String acks) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    props.put(ProducerConfig.ACKS_CONFIG, acks);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  private static List<String> consumeAll(String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
      consumer.subscribe(List.of(topic));
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
        return values.size() >= expected;
      });
    }
    return values;
  }
}
