package io.flumelab.cluster.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka sink against the course's three real brokers. */
@LabCluster(kafka = 3)
class KafkaSinkIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  private static Map<String, String> settings(String bootstrap, String topic, String... more) {
    Map<String, String> settings = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers",
        bootstrap, "kafka.topic", topic, "kafka.producer.acks", "all", "header.seq", "flume-seq"));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  /** Events "e-0".. with a sequence header and one of seven keys. */
  private static List<Event> events(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> EventBuilder.withBody("e-" + i,
        StandardCharsets.UTF_8, Map.of("key", "user-" + (i % 7), "seq", String.valueOf(i))))
        .toList();
  }

  private static String value(ConsumerRecord<String, byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  private static int seq(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader("flume-seq");
    assertThat(header).as("the Kafka header flume-seq of %s", value(record)).isNotNull();
    return Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8));
  }

  @Test
  void everyEventOnceInOrderWithinItsPartitionItsKeyChoosingThePartition(
      @KafkaBootstrap String bootstrap, Admin admin) throws Exception {
    TopicReader.create(admin, "sink-once", 3, 2);
    try (SinkFlow flow = new SinkFlow(settings(bootstrap, "sink-once"))) {
      flow.put(events(0, 600));
      flow.start();
      Awaitility.await().atMost(WAIT).until(() -> flow.delivered() == 600);
    }
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap, "sink-once");

    assertThat(records).extracting(KafkaSinkIT::value).hasSize(600).doesNotHaveDuplicates()
        .containsAll(IntStream.range(0, 600).mapToObj(i -> "e-" + i).toList());
    Map<String, Set<Integer>> partitionsOfKey = records.stream().collect(Collectors.groupingBy(
        ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
    assertThat(partitionsOfKey).hasSize(7).allSatisfy((key, partitions) ->
        assertThat(partitions).as("the partitions of key %s", key).hasSize(1));
    assertThat(inOrderWithinPartitions(records)).isTrue();
  }

  @Test
  void theTopicHeaderChoosesTheTopicUnlessOverridingIsOff(@KafkaBootstrap String bootstrap,
      Admin admin) throws Exception {
    TopicReader.create(admin, "sink-default", 1, 1);
    TopicReader.create(admin, "sink-override", 1, 1);
    TopicReader.create(admin, "sink-fixed", 1, 1);
    List<Event> events = List.of(
        EventBuilder.withBody("to-override", StandardCharsets.UTF_8, Map.of("topic",
            "sink-override")),
        EventBuilder.withBody("to-default", StandardCharsets.UTF_8));
    try (SinkFlow flow = new SinkFlow(settings(bootstrap, "sink-default"))) {
      flow.put(events);
      flow.start();
      Awaitility.await().atMost(WAIT).until(() -> flow.delivered() == 2);
    }
    try (SinkFlow flow = new SinkFlow(settings(bootstrap, "sink-fixed",
        "allowTopicOverride", "false"))) {
      flow.put(events);
      flow.start();
      Awaitility.await().atMost(WAIT).until(() -> flow.delivered() == 2);
    }
    assertThat(TopicReader.readAll(bootstrap, "sink-override")).extracting(KafkaSinkIT::value)
        .containsExactly("to-override");
    assertThat(TopicReader.readAll(bootstrap, "sink-default")).extracting(KafkaSinkIT::value)
        .containsExactly("to-default");
    assertThat(TopicReader.readAll(bootstrap, "sink-fixed")).extracting(KafkaSinkIT::value)
        .containsExactly("to-override", "to-default");
  }

  @Test
  void anEventOverMaxRequestSizeFailsItsBatchNamedAndStaysInTheChannel(
      @KafkaBootstrap String bootstrap, Admin admin) throws Exception {
    TopicReader.create(admin, "sink-large", 1, 1);
    try (SinkFlow flow = new SinkFlow(settings(bootstrap, "sink-large",
        "kafka.producer.max.request.size", "2000"))) {
      flow.put(List.of(EventBuilder.withBody("small", StandardCharsets.UTF_8),
          EventBuilder.withBody(new byte[10_000], Map.of("file", "big.log")),
          EventBuilder.withBody("small too", StandardCharsets.UTF_8)));
      flow.sink.start();
      assertThatThrownBy(flow.sink::process).isInstanceOf(EventDeliveryException.class)
          .hasMessageContaining("could not deliver 3 events")
          .hasMessageContaining("event 2 of 3 (10000 bytes, headers {file=big.log}")
          .hasMessageContaining("max.request.size");
      assertThat(flow.channel.size()).as("events still in the channel").isEqualTo(3);
      flow.sink.stop();
    }
  }

  @Test
  void aLeaderStoppedAndRestartedMidStreamLosesNoEventWithAcksAll(
      @KafkaBootstrap String bootstrap, Admin admin, KafkaService kafka) throws Exception {
    TopicReader.create(admin, "sink-failover", 3, 2);
    int total = 6000;
    LabHost leader = TopicReader.leaderOf(admin, "sink-failover");
    try (SinkFlow flow = new SinkFlow(settings(bootstrap, "sink-failover",
        "flumeBatchSize", "50")).start()) {
      Thread feeder = new Thread(() -> {
        for (int from = 0; from < total; from += 100) {
          flow.put(events(from, from + 100));
          pace(); // a steady stream, so the broker stops while events flow
        }
      }, "feeder");
      feeder.start();
      Awaitility.await().atMost(WAIT).until(() -> flow.delivered() >= 1000);
      kafka.stopBroker(leader);
      try {
        Awaitility.await().atMost(WAIT).until(() -> flow.delivered() >= 3000);
      } finally {
        kafka.startBroker(leader);
      }
      feeder.join(WAIT.toMillis());
      Awaitility.await().atMost(WAIT).until(() -> flow.delivered() == total);
    }
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap,
        "sink-failover");
    Set<String> seen = new HashSet<>();
    records.forEach(r -> seen.add(value(r)));
    long lost = IntStream.range(0, total).filter(i -> !seen.contains("e-" + i)).count();
    long duplicated = records.size() - seen.size();
    System.out.printf("kafka sink, leader %s stopped and restarted mid-stream: %d events, %d "
        + "records, lost %d, duplicated %d%n", leader.name(), total, records.size(), lost,
        duplicated);
    assertThat(lost).as("events lost").isZero();
    assertThat(inOrderWithinPartitions(records)).as("first copies in order per partition")
        .isTrue();
    Awaitility.await().atMost(WAIT).ignoreExceptions().until(() ->
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 3);
  }

  @Test
  void anAgentRunsTheSinkByFlumesClassName(@KafkaBootstrap String bootstrap, Admin admin,
      LabAgents agents) throws Exception {
    TopicReader.create(admin, "sink-agent", 3, 2);
    Path job = Files.writeString(dir.resolve("kafka.conf"), String.join("\n",
        "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
        "a1.sources.r1.type = seq", "a1.sources.r1.totalEvents = 250",
        "a1.sources.r1.channels = c1", "a1.channels.c1.type = memory",
        "a1.sinks.k1.type = org.apache.flume.sink.kafka.KafkaSink",
        "a1.sinks.k1.kafka.bootstrap.servers = " + bootstrap,
        "a1.sinks.k1.kafka.topic = sink-agent", "a1.sinks.k1.kafka.producer.acks = all",
        "a1.sinks.k1.channel = c1", ""));
    agents.start("a1", job);
    Awaitility.await().atMost(WAIT).until(() ->
        TopicReader.readAll(bootstrap, "sink-agent").size() >= 250);
    assertThat(TopicReader.readAll(bootstrap, "sink-agent")).extracting(KafkaSinkIT::value)
        .hasSize(250).doesNotHaveDuplicates();
  }

  /** Whether, in each partition, the first copy of each event comes in the order sent. */
  private static boolean inOrderWithinPartitions(List<ConsumerRecord<String, byte[]>> records) {
    Map<Integer, Integer> last = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (!seen.add(value(record))) {
        continue; // a copy from a retried batch
      }
      int seq = seq(record);
      Integer before = last.put(record.partition(), seq);
      if (before != null && before > seq) {
        System.out.printf("partition %d: %d after %d%n", record.partition(), seq, before);
        return false;
      }
    }
    return true;
  }

  private static void pace() {
    try {
      Thread.sleep(40);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
