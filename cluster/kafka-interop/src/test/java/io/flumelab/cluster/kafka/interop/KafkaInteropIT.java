package io.flumelab.cluster.kafka.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apache Flume 1.11's Kafka sink, source and channel against ours, through the course's three real
 * brokers: what one writes, the other reads, in both of Flume's value formats
 * ({@code useFlumeEventFormat}: the Avro {@code AvroFlumeEvent} with headers and body, or the bare
 * body) for the sink and source, and in Flume's event format for the channels.
 */
@LabCluster(kafka = 3)
class KafkaInteropIT {

  private static final int COUNT = 300;
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The headers Flume's and our source add to every event, beside those that travelled. */
  private static final Set<String> SOURCE_HEADERS = Set.of("topic", "partition", "offset",
      "timestamp", "key");

  private static Map<String, String> settings(String... pairs) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      settings.put(pairs[i], pairs[i + 1]);
    }
    return settings;
  }

  /**
   * A sink's keys, the same for Flume's and ours. {@code header.seq} also sends the {@code seq}
   * header as a Kafka record header, the one way a header travels without Flume's format.
   */
  private static Map<String, String> sinkSettings(String bootstrap, String topic,
      boolean flumeFormat) {
    return settings("kafka.bootstrap.servers", bootstrap, "kafka.topic", topic,
        "useFlumeEventFormat", String.valueOf(flumeFormat), "kafka.producer.acks", "all",
        "flumeBatchSize", "100", "header.seq", "flume-seq");
  }

  /**
   * A source's keys, the same for Flume's and ours. migrateZookeeperOffsets is Flume's (ours
   * refuses it as true): Flume's ZooKeeper migration is the one path of its source that needs
   * what Kafka 4's client no longer has (see the pom), and the course's brokers have no ZooKeeper.
   */
  private static Map<String, String> sourceSettings(String bootstrap, String topic, String group,
      boolean flumeFormat) {
    return settings("kafka.bootstrap.servers", bootstrap, "kafka.topics", topic,
        "kafka.consumer.group.id", group, "kafka.consumer.auto.offset.reset", "earliest",
        "useFlumeEventFormat", String.valueOf(flumeFormat), "batchSize", "100",
        "batchDurationMillis", "200", "header.seq", "flume-seq");
  }

  @ParameterizedTest(name = "useFlumeEventFormat = {0}")
  @ValueSource(booleans = {true, false})
  void flumesSinkWritesWhatOurSourceReads(boolean flumeFormat, @KafkaBootstrap String bootstrap,
      Admin admin) throws Exception {
    String topic = "interop-flume-to-ours-" + flumeFormat;
    Topics.create(admin, topic, 3, 2);
    List<Message> sent = Message.batch(COUNT);
    try (FlumeKafka.SinkFlow flume = new FlumeKafka.SinkFlow("flume-sink-" + flumeFormat,
        sinkSettings(bootstrap, topic, flumeFormat))) {
      flume.put(sent);
      flume.drain();
    }
    assertThat(Topics.records(admin, topic)).as("records Flume's sink wrote").isEqualTo(COUNT);

    List<Message> received = new ArrayList<>();
    String group = "ours-" + flumeFormat;
    try (OurKafka.SourceFlow ours = new OurKafka.SourceFlow("our-source-" + flumeFormat,
        sourceSettings(bootstrap, topic, group, flumeFormat))) {
      readToEnd(admin, group, topic, ours::drain, received);
    }

    assertSameEvents(sent, received, flumeFormat);
  }

  @ParameterizedTest(name = "useFlumeEventFormat = {0}")
  @ValueSource(booleans = {true, false})
  void ourSinkWritesWhatFlumesSourceReads(boolean flumeFormat, @KafkaBootstrap String bootstrap,
      Admin admin) throws Exception {
    String topic = "interop-ours-to-flume-" + flumeFormat;
    Topics.create(admin, topic, 3, 2);
    List<Message> sent = Message.batch(COUNT);
    try (OurKafka.SinkFlow ours = new OurKafka.SinkFlow("our-sink-" + flumeFormat,
        sinkSettings(bootstrap, topic, flumeFormat))) {
      ours.put(sent);
      ours.drain();
    }
    assertThat(Topics.records(admin, topic)).as("records our sink wrote").isEqualTo(COUNT);

    List<Message> received = new ArrayList<>();
    String group = "flume-" + flumeFormat;
    try (FlumeKafka.SourceFlow flume = new FlumeKafka.SourceFlow("flume-source-" + flumeFormat,
        settings(sourceSettings(bootstrap, topic, group, flumeFormat),
            "migrateZookeeperOffsets", "false"))) {
      readToEnd(admin, group, topic, flume::drain, received);
    }

    assertSameEvents(sent, received, flumeFormat);
  }

  /**
   * A channel's keys, the same for Flume's and ours: Flume's event format (both channels' default,
   * written out), and earliest for a new group, since the taking channel's group is new while the
   * other channel has already put (Flume's default, latest, would skip those).
   */
  private static Map<String, String> channelSettings(String bootstrap, String topic, String group) {
    return settings("kafka.bootstrap.servers", bootstrap, "kafka.topic", topic,
        "kafka.consumer.group.id", group, "parseAsFlumeEvent", "true",
        "kafka.consumer.auto.offset.reset", "earliest", "kafka.producer.acks", "all");
  }

  @Test
  void flumesChannelPutsWhatOurChannelTakes(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "interop-channel-flume-to-ours";
    Topics.create(admin, topic, 3, 2);
    List<Message> sent = Message.batch(COUNT);
    try (FlumeKafka.ChannelFlow flume = new FlumeKafka.ChannelFlow("flume-channel",
        settings(channelSettings(bootstrap, topic, "flume-puts"),
            "migrateZookeeperOffsets", "false"))) {
      flume.put(sent);
    }
    assertThat(Topics.records(admin, topic)).as("records Flume's channel wrote").isEqualTo(COUNT);

    List<Message> received = new ArrayList<>();
    String group = "ours-takes";
    try (OurKafka.ChannelFlow ours = new OurKafka.ChannelFlow("our-channel",
        channelSettings(bootstrap, topic, group))) {
      readToEnd(admin, group, topic, ours::take, received);
    }

    assertSameEvents(sent, received, true);
  }

  @Test
  void ourChannelPutsWhatFlumesChannelTakes(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "interop-channel-ours-to-flume";
    Topics.create(admin, topic, 3, 2);
    List<Message> sent = Message.batch(COUNT);
    try (OurKafka.ChannelFlow ours = new OurKafka.ChannelFlow("our-channel",
        channelSettings(bootstrap, topic, "ours-puts"))) {
      ours.put(sent);
    }
    assertThat(Topics.records(admin, topic)).as("records our channel wrote").isEqualTo(COUNT);

    List<Message> received = new ArrayList<>();
    String group = "flume-takes";
    try (FlumeKafka.ChannelFlow flume = new FlumeKafka.ChannelFlow("flume-channel",
        settings(channelSettings(bootstrap, topic, group), "migrateZookeeperOffsets", "false"))) {
      readToEnd(admin, group, topic, flume::take, received);
    }

    assertSameEvents(sent, received, true);
  }

  private static Map<String, String> settings(Map<String, String> base, String... more) {
    Map<String, String> settings = new LinkedHashMap<>(base);
    settings.putAll(settings(more));
    return settings;
  }

  /**
   * Drains a source's channel until the source's group has committed the whole topic. Both
   * sources commit offsets only after their channel transaction, so by then every record is in
   * the channel, and the source reads none again: a repeat would be a fault, and shows here.
   */
  private static void readToEnd(Admin admin, String group, String topic,
      Supplier<List<Message>> drain, List<Message> received) {
    Awaitility.await().atMost(WAIT).until(() -> {
      received.addAll(drain.get());
      return Topics.consumedToEnd(admin, group, topic);
    });
    received.addAll(drain.get());
  }

  /**
   * Every event sent arrived exactly once with its body intact; with Flume's format, with every
   * header it had, and besides those only the headers a Kafka source adds. Without it, only what
   * travels outside the value: the record key as {@code key}, and {@code seq} as a Kafka header;
   * its other headers must not appear, or the format flag was not what was used.
   */
  private static void assertSameEvents(List<Message> sent, List<Message> received,
      boolean flumeFormat) {
    assertThat(received).extracting(Message::seq).as("each event's seq header, once each")
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
            sent.stream().map(Message::seq).toList());
    Map<String, Message> bySeq = received.stream()
        .collect(Collectors.toMap(Message::seq, Function.identity()));
    for (Message original : sent) {
      Message got = bySeq.get(original.seq());
      assertThat(got.body()).as("the body of event %s", original.seq())
          .isEqualTo(original.body());
      if (flumeFormat) {
        assertThat(got.headers()).as("the headers of event %s", original.seq())
            .containsAllEntriesOf(original.headers());
        Set<String> extra = new HashSet<>(got.headers().keySet());
        extra.removeAll(original.headers().keySet());
        assertThat(extra).as("headers event %s did not have", original.seq())
            .isSubsetOf(SOURCE_HEADERS);
      } else {
        assertThat(got.headers()).as("the headers of event %s", original.seq())
            .containsEntry("key", original.headers().get("key"))
            .containsEntry("seq", original.seq())
            .doesNotContainKeys("host", "empty", "even");
      }
    }
  }
}
