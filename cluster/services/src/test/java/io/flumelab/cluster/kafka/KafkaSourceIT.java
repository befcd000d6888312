package io.flumelab.cluster.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.source.SourceRunner;
import io.flumelab.kafka.KafkaSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The kafka source against the course's three real brokers. */
@LabCluster(kafka = 3)
class KafkaSourceIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  /** A Kafka source writing into a memory channel, on the runtime's own source runner. */
  private static final class SourceFlow implements AutoCloseable {
    private static final int TAKE = 300;
    final MemoryChannel channel = new MemoryChannel();
    final KafkaSource source = new KafkaSource();
    private final SourceRunner runner;
    private boolean stopped;

    SourceFlow(int capacity, Map<String, String> settings) {
      channel.setName("c1");
      channel.configure(new Context(Map.of("capacity", String.valueOf(capacity),
          "transactionCapacity", String.valueOf(Math.min(capacity, 1000)))));
      channel.start();
      source.setName("r1");
      source.configure(new Context(settings));
      ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
      selector.setChannels(List.of(channel));
      selector.configure(new Context(Map.of()));
      source.setChannelProcessor(new DefaultChannelProcessor(selector, List.of()));
      runner = SourceRunner.forSource(source);
      runner.start();
    }

    /** Takes everything the channel holds, in committed takes of at most {@link #TAKE}. */
    List<Event> drain() {
      List<Event> events = new ArrayList<>();
      int taken;
      do {
        taken = 0;
        Transaction tx = channel.getTransaction();
        tx.begin();
        for (Event e; taken < TAKE && (e = channel.take()) != null; taken++) {
          events.add(e);
        }
        tx.commit();
        tx.close();
      } while (taken == TAKE);
      return events;
    }

    void stopSource() {
      if (!stopped) {
        stopped = true;
        runner.stop();
      }
    }

    @Override
    public void close() {
      stopSource();
      channel.stop();
    }
  }

  private static Map<String, String> settings(String bootstrap, String topic, String group,
      String... more) {
    Map<String, String> settings = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers",
        bootstrap, "kafka.topics", topic, "kafka.consumer.group.id", group,
        "kafka.consumer.auto.offset.reset", "earliest", "batchSize", "100",
        "batchDurationMillis", "200", "backoffSleepIncrement", "100", "maxBackoffSleep", "500",
        "header.app", "app-name", "timestampHeader", "kafkaTime"));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  private static void produce(String bootstrap, String topic, int from, int to) throws Exception {
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      for (int i = from; i < to; i++) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "user-" + (i % 7),
            "m-" + i);
        record.headers().add("app-name", "web".getBytes(StandardCharsets.UTF_8));
        producer.send(record);
      }
      producer.flush();
    }
  }

  private static String body(Event event) {
    return new String(event.getBody(), StandardCharsets.UTF_8);
  }

  @Test
  void everyRecordOnceWithFlumesHeaders(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    TopicReader.create(admin, "src-once", 3, 2);
    produce(bootstrap, "src-once", 0, 500);
    List<Event> events = new ArrayList<>();
    try (SourceFlow flow = new SourceFlow(10_000, settings(bootstrap, "src-once", "g-once"))) {
      Awaitility.await().atMost(WAIT).until(() -> {
        events.addAll(flow.drain());
        return events.size() >= 500;
      });
    }
    assertThat(events).extracting(KafkaSourceIT::body).hasSize(500).doesNotHaveDuplicates()
        .containsAll(IntStream.range(0, 500).mapToObj(i -> "m-" + i).toList());
    assertThat(events).allSatisfy(e -> assertThat(e.getHeaders())
        .containsEntry("topic", "src-once").containsEntry("app", "web")
        .containsKeys("partition", "offset", "timestamp", "kafkaTime", "key"));
    Event first = events.stream().filter(e -> body(e).equals("m-3")).findFirst().orElseThrow();
    assertThat(first.getHeaders()).containsEntry("key", "user-3");
  }

  @Test
  void offsetsAreCommittedOnlyForWhatTheChannelTook(@KafkaBootstrap String bootstrap,
      Admin admin) throws Exception {
    TopicReader.create(admin, "src-full", 1, 1);
    produce(bootstrap, "src-full", 0, 1000);
    List<Event> events = new ArrayList<>();
    // a channel of 300 that nobody drains: the source fills it, then each batch is refused
    try (SourceFlow flow = new SourceFlow(300, settings(bootstrap, "src-full", "g-full"))) {
      Awaitility.await().atMost(WAIT).until(() -> flow.source.getCounter()
          .getChannelWriteFail() >= 2);
      flow.stopSource();
      assertThat(committed(admin, "g-full", "src-full")).isEqualTo(300);
      events.addAll(flow.drain());
      assertThat(events).as("what the channel took is what was committed").hasSize(300);
    }
    // a new reader of the group goes on where the committed offsets say: nothing skipped
    try (SourceFlow flow = new SourceFlow(10_000, settings(bootstrap, "src-full", "g-full"))) {
      Awaitility.await().atMost(WAIT).until(() -> {
        events.addAll(flow.drain());
        return events.size() >= 1000;
      });
    }
    assertThat(events).extracting(KafkaSourceIT::body).containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, 1000).mapToObj(i -> "m-" + i).toList());
  }

  @Test
  void aBrokerStoppedAndRestartedMidStreamLosesNoRecord(@KafkaBootstrap String bootstrap,
      Admin admin, KafkaService kafka) throws Exception {
    TopicReader.create(admin, "src-failover", 3, 2);
    int total = 4000;
    LabHost leader = TopicReader.leaderOf(admin, "src-failover");
    List<Event> events = new ArrayList<>();
    try (SourceFlow flow = new SourceFlow(100_000, settings(bootstrap, "src-failover",
        "g-failover"))) {
      produce(bootstrap, "src-failover", 0, total / 2);
      Awaitility.await().atMost(WAIT).until(() -> {
        events.addAll(flow.drain());
        return events.size() >= total / 4;
      });
      kafka.stopBroker(leader);
      try {
        produce(bootstrap, "src-failover", total / 2, total);
        Awaitility.await().atMost(WAIT).until(() -> {
          events.addAll(flow.drain());
          return events.size() >= total * 3 / 4;
        });
      } finally {
        kafka.startBroker(leader);
      }
      Awaitility.await().atMost(WAIT).until(() -> {
        events.addAll(flow.drain());
        return new HashSet<>(events.stream().map(KafkaSourceIT::body).toList()).size() >= total;
      });
    }
    Set<String> seen = new HashSet<>(events.stream().map(KafkaSourceIT::body).toList());
    long lost = IntStream.range(0, total).filter(i -> !seen.contains("m-" + i)).count();
    long duplicated = events.size() - seen.size();
    System.out.printf("kafka source, broker %s stopped and restarted mid-stream: %d records, %d "
        + "events, lost %d, duplicated %d%n", leader.name(), total, events.size(), lost,
        duplicated);
    assertThat(lost).as("records lost").isZero();
    Awaitility.await().atMost(WAIT).ignoreExceptions().until(() ->
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 3);
  }

  private static long committed(Admin admin, String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
        .mapToLong(e -> e.getValue().offset()).sum();
  }
}
