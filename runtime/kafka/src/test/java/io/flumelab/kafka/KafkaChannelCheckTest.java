package io.flumelab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.config.Problem;
import org.junit.jupiter.api.Test;

/** What {@code flume-ng check} says about a Kafka channel. */
class KafkaChannelCheckTest {

  private static final String HEAD = String.join("\n",
      "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
      "a1.sources.r1.type = seq", "a1.sources.r1.channels = c1",
      "a1.sinks.k1.type = null", "a1.sinks.k1.channel = c1",
      "a1.channels.c1.type = org.apache.flume.channel.kafka.KafkaChannel", "");

  private static CheckReport check(String... channelLines) {
    return AgentConfigurations.check("job.conf", HEAD + String.join("\n", channelLines) + "\n",
        "a1", AgentConfigurations.Options.defaults().withResourceChecks(false));
  }

  private static String rendered(CheckReport report) {
    return String.join("\n", report.problems().stream().map(Problem::render).toList());
  }

  @Test
  void flumesExampleHasNoProblem() {
    CheckReport report = check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.kafka.topic = channel1",
        "a1.channels.c1.kafka.consumer.group.id = flume-consumer",
        "a1.channels.c1.parseAsFlumeEvent = false", "a1.channels.c1.pollTimeout = 200",
        "a1.channels.c1.partitionIdHeader = p", "a1.channels.c1.defaultPartitionId = 0",
        "a1.channels.c1.kafka.producer.linger.ms = 5",
        "a1.channels.c1.kafka.consumer.max.poll.records = 100");
    assertThat(report.problems()).as(rendered(report)).isEmpty();
  }

  @Test
  void theBrokersAreRequiredWithTheCoursesAsTheExample() {
    assertThat(rendered(check("a1.channels.c1.kafka.topic = channel1"))).isEqualTo(
        "job.conf:8: a1.channels.c1.kafka.bootstrap.servers: missing required key "
            + "'kafka.bootstrap.servers' for channel type 'kafka'. Add 'a1.channels.c1.kafka"
            + ".bootstrap.servers = hadoop102:9092,hadoop103:9092,hadoop105:9092'.");
  }

  @Test
  void flumesDeprecatedKeysWorkWithAWarningNamingTodaysKey() {
    CheckReport report = check("a1.channels.c1.brokerList = 127.0.0.1:9092",
        "a1.channels.c1.topic = channel1", "a1.channels.c1.groupId = g");
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).extracting(Problem::fix).containsExactlyInAnyOrder(
        "Write 'a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092' instead.",
        "Write 'a1.channels.c1.kafka.topic = channel1' instead.",
        "Write 'a1.channels.c1.kafka.consumer.group.id = g' instead.");
  }

  @Test
  void flumesReadSmallestOffsetWorksWithAWarningNamingTodaysKey() {
    CheckReport report = check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.readSmallestOffset = false");
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).extracting(Problem::render).containsExactly(
        "job.conf:10: warning: a1.channels.c1.readSmallestOffset: 'readSmallestOffset' is "
            + "deprecated; it still sets kafka.consumer.auto.offset.reset = latest, unless that is"
            + " set too. Write kafka.consumer.auto.offset.reset = earliest (for true) or latest "
            + "(for false).");
  }

  @Test
  void zooKeeperIsRefusedWithTheReasonAndTheFix() {
    CheckReport report = check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.zookeeperConnect = hadoop102:2181",
        "a1.channels.c1.migrateZookeeperOffsets = true");
    assertThat(report.errors()).extracting(Problem::render).containsExactlyInAnyOrder(
        "job.conf:10: a1.channels.c1.zookeeperConnect: kafka channel c1: Kafka's clients find the "
            + "brokers themselves and keep offsets in Kafka, not ZooKeeper. Remove "
            + "zookeeperConnect and set kafka.bootstrap.servers = "
            + "hadoop102:9092,hadoop103:9092,hadoop105:9092.");
    assertThat(check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.migrateZookeeperOffsets = true").errors()).extracting(Problem::render)
        .containsExactly("job.conf:10: a1.channels.c1.migrateZookeeperOffsets: kafka channel c1: "
            + "there are no ZooKeeper offsets to migrate (the course's brokers run in KRaft mode)."
            + " Remove migrateZookeeperOffsets; offsets are kept by Kafka.");
    assertThat(check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.migrateZookeeperOffsets = false").problems()).isEmpty();
  }

  @Test
  void producerAndConsumerSettingsAreKafkasToJudge() {
    CheckReport report = check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.kafka.producer.acks = most",
        "a1.channels.c1.kafka.producer.linger.msec = 5",
        "a1.channels.c1.kafka.consumer.enable.auto.commit = true",
        "a1.channels.c1.kafka.consumer.auto.offset.reset = oldest");
    assertThat(report.errors()).extracting(Problem::key).containsExactlyInAnyOrder(
        "a1.channels.c1.kafka.producer.acks", "a1.channels.c1.kafka.producer.linger.msec",
        "a1.channels.c1.kafka.consumer.enable.auto.commit",
        "a1.channels.c1.kafka.consumer.auto.offset.reset");
    assertThat(report.errors()).extracting(Problem::render).anySatisfy(p -> assertThat(p)
        .startsWith("job.conf:11: a1.channels.c1.kafka.producer.linger.msec: 'linger.msec' is not"
            + " a setting of what 'kafka.producer.' configures. Did you mean "
            + "'kafka.producer.linger.ms'?"));
    assertThat(report.errors()).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("Kafka says").contains("oldest"));
  }

  @Test
  void kafkaTransactionsAreRefusedWithWhatTheChannelDoesInstead() {
    assertThat(check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.kafka.producer.transactional.id = flume-tx").errors())
        .extracting(Problem::render).containsExactly("job.conf:10: "
            + "a1.channels.c1.kafka.producer.transactional.id: kafka.producer.transactional.id is"
            + " decided by the component, not the file. Remove it: FlumeLab's Kafka sink and "
            + "channel do not use "
            + "Kafka transactions; a batch commits once Kafka acknowledged every record (acks = "
            + "all loses none).");
  }

  @Test
  void aKeyThatIsNeitherTheChannelsNorKafkasIsUnknown() {
    assertThat(check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.kafka.topc = channel1").errors()).extracting(Problem::render)
        .singleElement().satisfies(p -> assertThat(p).startsWith(
            "job.conf:10: a1.channels.c1.kafka.topc: unknown key 'kafka.topc' for channel type "
                + "'kafka'. Did you mean 'kafka.topic'?"));
  }

  @Test
  void pollTimeoutIsReadUnderBothOfFlumesSpellings() {
    assertThat(check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.kafka.pollTimeout = 100").problems()).isEmpty();
    assertThat(check("a1.channels.c1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.channels.c1.pollTimeout = -1").errors()).extracting(Problem::key)
        .containsExactly("a1.channels.c1.pollTimeout");
  }
}
