package io.flumelab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.config.Problem;
import org.junit.jupiter.api.Test;

/** What {@code flume-ng check} says about a Kafka source. */
class KafkaSourceCheckTest {

  private static final String HEAD = String.join("\n",
      "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
      "a1.sources.r1.channels = c1", "a1.channels.c1.type = memory",
      "a1.channels.c1.capacity = 10000", "a1.channels.c1.transactionCapacity = 1000",
      "a1.sinks.k1.type = null", "a1.sinks.k1.channel = c1",
      "a1.sources.r1.type = org.apache.flume.source.kafka.KafkaSource", "");

  private static CheckReport check(String... sourceLines) {
    return AgentConfigurations.check("job.conf", HEAD + String.join("\n", sourceLines) + "\n",
        "a1", AgentConfigurations.Options.defaults().withResourceChecks(false));
  }

  @Test
  void flumesExampleHasNoProblem() {
    assertThat(check("a1.sources.r1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.sources.r1.kafka.topics = test1, test2",
        "a1.sources.r1.kafka.consumer.group.id = custom.g.id",
        "a1.sources.r1.kafka.consumer.auto.offset.reset = earliest",
        "a1.sources.r1.batchDurationMillis = 2000", "a1.sources.r1.header.app = app-name")
        .problems()).isEmpty();
  }

  @Test
  void topicsAreRequiredOneWayOrTheOther() {
    CheckReport report = check("a1.sources.r1.kafka.bootstrap.servers = 127.0.0.1:9092");
    assertThat(report.errors()).extracting(Problem::key)
        .containsExactly("a1.sources.r1.kafka.topics");
    assertThat(check("a1.sources.r1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.sources.r1.kafka.topics.regex = ^first.*").problems()).isEmpty();
  }

  @Test
  void deprecatedKeysWarnAndZooKeeperIsRefusedWithTheReason() {
    CheckReport report = check("a1.sources.r1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.sources.r1.topic = first", "a1.sources.r1.groupId = g",
        "a1.sources.r1.zookeeperConnect = hadoop102:2181");
    assertThat(report.warnings()).extracting(Problem::fix).containsExactlyInAnyOrder(
        "Write 'a1.sources.r1.kafka.topics = first' instead.",
        "Write 'a1.sources.r1.kafka.consumer.group.id = g' instead.");
    assertThat(report.errors()).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("a1.sources.r1.zookeeperConnect");
      assertThat(p.message()).contains("ZooKeeper");
    });
  }

  @Test
  void consumerSettingsAreKafkasToJudge() {
    CheckReport report = check("a1.sources.r1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.sources.r1.kafka.topics = first",
        "a1.sources.r1.kafka.consumer.auto.offset.reset = oldest",
        "a1.sources.r1.kafka.consumer.auto.ofset.reset = earliest",
        "a1.sources.r1.kafka.consumer.enable.auto.commit = true");
    assertThat(report.errors()).extracting(Problem::key).containsExactlyInAnyOrder(
        "a1.sources.r1.kafka.consumer.auto.offset.reset",
        "a1.sources.r1.kafka.consumer.auto.ofset.reset",
        "a1.sources.r1.kafka.consumer.enable.auto.commit");
    assertThat(report.errors()).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("Kafka says").contains("oldest"));
  }
}
