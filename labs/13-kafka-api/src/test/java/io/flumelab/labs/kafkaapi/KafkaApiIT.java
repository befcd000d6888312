package io.flumelab.labs.kafkaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.atguigu.kafka.CallbackProducer;
import com.atguigu.kafka.Deliveries;
import com.atguigu.kafka.MyConsumer;
import com.atguigu.kafka.MyPartitioner;
import com.atguigu.kafka.MyProducer;
import com.atguigu.kafka.SeekConsumer;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.cluster.kafka.KafkaService;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/*
 * The brokers create no topic on first use (auto.create.topics.enable=false), as many production
 * clusters are set up: the last test needs a topic nobody created to stay unknown, and the setting
 * holds for the brokers' whole life. Every other test creates its topics with Admin first.
 */
@LabTest
@LabCluster(kafka = 3, kafkaAutoCreateTopics = false)
@DisplayName("Lab 13: Kafka's producer and consumer API")
class KafkaApiIT {

  private static final Duration READ = Duration.ofSeconds(20);

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("the producers' and consumers' properties use Kafka 4's keys, not the notes' 0.11 ones")
  void theClientsUseTodaysKeys(@KafkaBootstrap String bootstrap) {
    ClientKeys.assertProducerKeys("MyProducer.properties", MyProducer.properties(bootstrap));
    ClientKeys.assertProducerKeys("MyProducer.roundRobinProperties",
        MyProducer.roundRobinProperties(bootstrap));
    ClientKeys.assertProducerKeys("MyPartitioner.producerProperties",
        MyPartitioner.producerProperties(bootstrap));
    ClientKeys.assertConsumerKeys("MyConsumer.properties", MyConsumer.properties(bootstrap, "g"));
    ClientKeys.assertConsumerKeys("SeekConsumer.properties", SeekConsumer.properties(bootstrap));
  }

  @Test
  @Order(2)
  @Points(15)
  @DisplayName("records land where each strategy promises: round robin, by key, to a given partition")
  void eachStrategyPutsRecordsWhereItPromises(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "strategies";
    Records.createTopic(admin, topic, 3);
    List<String> turns = values("turn", 30);
    Map<String, List<String>> byKey = Map.of("user-1", values("user-1", 5),
        "user-2", values("user-2", 5), "user-7", values("user-7", 5), "user-9", values("user-9", 5));
    List<String> toTwo = values("to-two", 10);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(ClientKeys.assertProducerKeys(
            "MyProducer.roundRobinProperties", MyProducer.roundRobinProperties(bootstrap)))) {
      MyProducer.sendRoundRobin(producer, topic, turns);
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(ClientKeys.assertProducerKeys(
            "MyProducer.properties", MyProducer.properties(bootstrap)))) {
      byKey.forEach((key, values) -> MyProducer.sendByKey(producer, topic, key, values));
      MyProducer.sendToPartition(producer, topic, 2, toTwo);
    }

    Map<String, ConsumerRecord<String, String>> read = byValue(Records.all(bootstrap, admin,
        topic, 3));
    assertThat(read).as("the records in %s", topic)
        .containsKeys(turns.toArray(String[]::new))
        .containsKeys(toTwo.toArray(String[]::new));
    Map<Integer, Long> turnsPerPartition = turns.stream()
        .collect(Collectors.groupingBy(v -> read.get(v).partition(), Collectors.counting()));
    assertThat(turnsPerPartition).as("the partitions of the 30 records sent round robin "
        + "(without a key, Kafka 4's default partitioner sticks to one partition a batch long; "
        + "round robin is the partitioner RoundRobinPartitioner)")
        .isEqualTo(Map.of(0, 10L, 1, 10L, 2, 10L));
    byKey.forEach((key, values) -> {
      int expected = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
      assertThat(values).as("the records sent with key %s", key).allSatisfy(value -> {
        assertThat(read).containsKey(value);
        assertThat(read.get(value).key()).as("the key of %s", value).isEqualTo(key);
        assertThat(read.get(value).partition()).as("the partition of %s (key %s: murmur2 of the "
            + "key, modulo 3)", value, key).isEqualTo(expected);
      });
      assertThat(offsetsOf(read, values)).as("the offsets of key %s's records, in the order sent",
          key).isSorted();
    });
    assertThat(toTwo).as("the records sent to partition 2")
        .allSatisfy(value -> assertThat(read.get(value).partition()).isEqualTo(2));
  }

  @Test
  @Order(3)
  @Points(15)
  @DisplayName("the callback reports each record once, with the partition and offset it was written at")
  void theCallbackReportsEachRecordOnce(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "callbacks";
    Records.createTopic(admin, topic, 3);
    List<String> sent = values("called-back", 20);
    Outcomes outcomes = new Outcomes();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(ClientKeys.assertProducerKeys(
            "MyProducer.properties", MyProducer.properties(bootstrap)))) {
      CallbackProducer.send(producer,
          sent.stream().map(v -> new ProducerRecord<String, String>(topic, v)).toList(), outcomes);
    }

    assertThat(outcomes.failed).as("records the callback reported as failed").isEmpty();
    Map<String, List<RecordMetadata>> delivered = outcomes.deliveredByValue();
    assertThat(delivered.keySet()).as("the values the callback reported delivered")
        .containsExactlyInAnyOrderElementsOf(sent);
    Map<String, ConsumerRecord<String, String>> read = byValue(Records.all(bootstrap, admin,
        topic, 3));
    delivered.forEach((value, metadata) -> {
      assertThat(metadata).as("the callbacks for %s (once per record)", value).hasSize(1);
      ConsumerRecord<String, String> record = read.get(value);
      assertThat(metadata.get(0).topic()).as("the topic in %s's metadata", value).isEqualTo(topic);
      assertThat(List.of(metadata.get(0).partition(), metadata.get(0).offset()))
          .as("the partition and offset in %s's metadata, against where it is in %s", value,
              topic).isEqualTo(List.of(record.partition(), record.offset()));
    });
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("the custom partitioner decides: a number key n goes to partition n mod count, others to 0")
  void theCustomPartitionerDecides(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "custom";
    Records.createTopic(admin, topic, 3);
    Properties properties = ClientKeys.assertProducerKeys("MyPartitioner.producerProperties",
        MyPartitioner.producerProperties(bootstrap));
    assertThat(String.valueOf(properties.get(ProducerConfig.PARTITIONER_CLASS_CONFIG)))
        .as("partitioner.class of MyPartitioner.producerProperties")
        .contains(MyPartitioner.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (int key = 0; key < 12; key++) {
        producer.send(new ProducerRecord<>(topic, String.valueOf(key), "number " + key));
      }
      producer.send(new ProducerRecord<>(topic, "x", "word x"));
      producer.send(new ProducerRecord<>(topic, "no key"));
    }

    Map<String, ConsumerRecord<String, String>> read = byValue(Records.all(bootstrap, admin,
        topic, 3));
    for (int key = 0; key < 12; key++) {
      assertThat(read.get("number " + key)).as("the record of key %d", key).isNotNull()
          .extracting(ConsumerRecord::partition).as("the partition of key %d (%d mod 3)", key, key)
          .isEqualTo(key % 3);
    }
    assertThat(read.get("word x").partition()).as("the partition of key x").isZero();
    assertThat(read.get("no key").partition()).as("the partition of a record without key")
        .isZero();
  }

  @Test
  @Order(5)
  @Points(15)
  @DisplayName("a consumer in a group reads every record and its group commits the offsets")
  void aGroupReadsEverythingAndCommits(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "grouped";
    String group = "lab13-group";
    Records.createTopic(admin, topic, 3);
    List<String> sent = values("grouped", 30);
    produce(bootstrap, topic, sent);

    List<ConsumerRecord<String, String>> read;
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(ClientKeys.assertConsumerKeys(
            "MyConsumer.properties", MyConsumer.properties(bootstrap, group)))) {
      read = MyConsumer.consume(consumer, topic, sent.size(), READ);
    }

    assertThat(read).as("what MyConsumer.consume read from %s", topic)
        .extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
    Map<Integer, Long> ends = Records.endOffsets(admin, topic, 3);
    Awaitility.await().atMost(READ).ignoreExceptions().untilAsserted(() -> {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      // a partition the producer left empty may have no commit: nothing was read there
      Map<Integer, Long> positions = new java.util.TreeMap<>();
      ends.keySet().forEach(p -> positions.put(p, committed.entrySet().stream()
          .filter(e -> e.getKey().partition() == p).map(e -> e.getValue().offset())
          .findFirst().orElse(0L)));
      assertThat(positions)
          .as("the offsets group %s committed for %s (enable.auto.commit: committed while it "
              + "polls and when it closes), against each partition's end", group, topic)
          .isEqualTo(ends);
    });
  }

  @Test
  @Order(6)
  @Points(10)
  @DisplayName("a new group with auto.offset.reset=earliest reads the topic again from the start")
  void aNewGroupReadsFromTheStart(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "replayed";
    Records.createTopic(admin, topic, 3);
    List<String> sent = values("replayed", 12);
    produce(bootstrap, topic, sent);

    for (String group : List.of("lab13-first-reader", "lab13-new-reader")) {
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(ClientKeys.assertConsumerKeys(
            "MyConsumer.properties", MyConsumer.properties(bootstrap, group)))) {
        assertThat(MyConsumer.consume(consumer, topic, sent.size(), READ))
            .as("what a consumer of the new group %s read from %s, written before it started",
                group, topic)
            .extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
      }
    }
  }

  @Test
  @Order(7)
  @Points(15)
  @DisplayName("assign and seek read one partition exactly from the offset given")
  void seekReadsFromTheOffsetGiven(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "sought";
    Records.createTopic(admin, topic, 3);
    List<String> sent = values("sought", 50);
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      sent.forEach(v -> producer.send(new ProducerRecord<>(topic, 1, null, v)));
      producer.send(new ProducerRecord<>(topic, 0, null, "elsewhere"));
    }

    for (long offset : List.of(20L, 45L, 0L)) {
      int count = 5;
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(ClientKeys.assertConsumerKeys(
            "SeekConsumer.properties", SeekConsumer.properties(bootstrap)))) {
        List<ConsumerRecord<String, String>> read =
            SeekConsumer.read(consumer, topic, 1, offset, count, READ);
        assertThat(read).as("SeekConsumer.read(partition 1, offset %d, %d records)", offset, count)
            .extracting(ConsumerRecord::partition, ConsumerRecord::offset, ConsumerRecord::value)
            .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i ->
                tuple(1, offset + i, sent.get((int) offset + i))).toList());
      }
    }
  }

  @Test
  @Order(8)
  @Points(10)
  @DisplayName("errors reach the callback: a partition the topic lacks, a topic whose broker stopped")
  void errorsReachTheCallback(@KafkaBootstrap String bootstrap, Admin admin, KafkaService kafka)
      throws Exception {
    Properties properties = failingFast(bootstrap, Duration.ofSeconds(3));

    String topic = "three-partitions";
    Records.createTopic(admin, topic, 3);
    Outcomes missing = new Outcomes();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      CallbackProducer.send(producer, List.of(new ProducerRecord<>(topic, 7, null, "to partition 7")),
          missing);
    }
    assertFailedOnce(missing, List.of("to partition 7"), "a record sent to partition 7 of " + topic
        + ", which has partitions 0 to 2");

    Node broker = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
        .filter(n -> n.host().equals("hadoop105")).findFirst().orElseThrow();
    String lonely = "on-hadoop105-only";
    Records.createTopicOn(admin, lonely, broker.id());
    LabHost host = LabHost.named("hadoop105");
    Outcomes stopped = new Outcomes();
    List<String> sent = values("unwritten", 3);
    kafka.stopBroker(host);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      CallbackProducer.send(producer, sent.stream()
          .map(v -> new ProducerRecord<String, String>(lonely, v)).toList(), stopped);
    } finally {
      kafka.startBroker(host);
    }
    assertFailedOnce(stopped, sent, "records sent to " + lonely + ", whose one replica is on "
        + "hadoop105, stopped");
    // the next test, or class, finds three brokers again
    Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 3);
  }

  @Test
  @Order(9)
  @Points(10)
  @DisplayName("errors reach the callback: a topic that does not exist, on brokers that create none")
  void anUnknownTopicsErrorReachesTheCallback(@KafkaBootstrap String bootstrap, Admin admin,
      KafkaService kafka) throws Exception {
    assertThat(kafka.autoCreateTopics()).as("auto.create.topics.enable of the brokers: this test "
        + "needs @LabCluster(kafkaAutoCreateTopics = false) on KafkaApiIT").isFalse();
    // send() itself waits max.block.ms for the unknown topic, once per record, then completes
    // the record's callback: one second a record keeps the test short
    Duration maxBlock = Duration.ofSeconds(1);
    Properties properties = failingFast(bootstrap, maxBlock);
    String topic = "nobody-created";
    List<String> sent = values("lost", 3);

    Outcomes unknown = new Outcomes();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      CallbackProducer.send(producer, sent.stream()
          .map(v -> new ProducerRecord<String, String>(topic, v)).toList(), unknown);
    }

    assertFailedOnce(unknown, sent, "records sent to " + topic + ", a topic nobody created, on "
        + "brokers with auto.create.topics.enable=false");
    assertThat(unknown.failed).as("the exceptions the callback passed on: kafka-clients says "
        + "\"Topic %s not present in metadata after %d ms.\"", topic, maxBlock.toMillis())
        .allSatisfy(outcome -> assertThat(outcome.exception()).hasMessageContaining(topic));
    assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
        .as("the topics after the sends (the brokers must not have created %s)", topic)
        .doesNotContain(topic);
  }

  /**
   * The student's producer properties, with the test's timeouts: an error reaches the callback
   * in seconds rather than in the default minutes. {@code maxBlock} is how long {@code send}
   * waits for a topic's or partition's metadata.
   */
  private static Properties failingFast(String bootstrap, Duration maxBlock) {
    Properties properties = ClientKeys.assertProducerKeys("MyProducer.properties",
        MyProducer.properties(bootstrap));
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return properties;
  }

  private static void assertFailedOnce(Outcomes outcomes, List<String> values, String what) {
    assertThat(outcomes.delivered).as("%s: the callback reported them delivered (on an error the "
        + "metadata is not null but a placeholder with offset -1: test the exception first)", what)
        .isEmpty();
    assertThat(outcomes.failed).as("%s: the callback's failures, one per record", what)
        .extracting(Outcome::value).containsExactlyInAnyOrderElementsOf(values);
    assertThat(outcomes.failed).as("%s: the exceptions the callback passed on", what)
        .allSatisfy(outcome -> assertThat(outcome.exception()).isNotNull());
  }

  private record Outcome(String value, RecordMetadata metadata, Exception exception) {}

  /** The callback's reports, as {@link CallbackProducer} passes them on. */
  private static final class Outcomes implements Deliveries {
    final ConcurrentLinkedQueue<Outcome> delivered = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Outcome> failed = new ConcurrentLinkedQueue<>();

    @Override
    public void delivered(String value, RecordMetadata metadata) {
      delivered.add(new Outcome(value, metadata, null));
    }

    @Override
    public void failed(String value, Exception exception) {
      failed.add(new Outcome(value, null, exception));
    }

    Map<String, List<RecordMetadata>> deliveredByValue() {
      return delivered.stream().collect(Collectors.groupingBy(Outcome::value,
          Collectors.mapping(Outcome::metadata, Collectors.toList())));
    }
  }

  private static List<String> values(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("%s %02d", prefix, i)).toList();
  }

  private static Map<String, ConsumerRecord<String, String>> byValue(
      List<ConsumerRecord<String, String>> records) {
    return records.stream().collect(Collectors.toMap(ConsumerRecord::value, Function.identity(),
        (first, second) -> first));
  }

  private static List<Long> offsetsOf(Map<String, ConsumerRecord<String, String>> read,
      List<String> values) {
    List<Long> offsets = new ArrayList<>();
    values.forEach(v -> offsets.add(read.get(v).offset()));
    return offsets;
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
  }

  private static void produce(String bootstrap, String topic, List<String> values) {
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      values.forEach(v -> producer.send(new ProducerRecord<>(topic, v)));
    }
  }
}
