package io.flumelab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.config.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code flume-ng check} says about a Kafka sink, through the registry as the agent sees it. */
class KafkaSinkCheckTest {

  private static final String HEAD = String.join("\n",
      "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
      "a1.sources.r1.type = seq", "a1.sources.r1.channels = c1",
      "a1.channels.c1.type = memory",
      "a1.sinks.k1.channel = c1",
      "a1.sinks.k1.type = org.apache.flume.sink.kafka.KafkaSink", "");

  private static CheckReport check(String... sinkLines) {
    return AgentConfigurations.check("job.conf", HEAD + String.join("\n", sinkLines) + "\n", "a1",
        AgentConfigurations.Options.defaults().withResourceChecks(false));
  }

  @Test
  void flumesClassNameAndTheAliasAreKnownAndAGoodSinkHasNoProblem() {
    CheckReport report = check("a1.sinks.k1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.sinks.k1.kafka.topic = first", "a1.sinks.k1.kafka.producer.acks = all",
        "a1.sinks.k1.kafka.producer.linger.ms = 5", "a1.sinks.k1.header.host = source-host");
    assertThat(report.problems()).isEmpty();
  }

  @Test
  void theNotesConfigurationIsCaughtAsWarnings() {
    CheckReport report = check("a1.sinks.k1.kafka.bootstrap.servers = "
            + "hadoop102:9092,hadoop103:9092,hadoop104:9092",
        "a1.sinks.k1.kafka.topic = first", "a1.sinks.k1.kafka.flumeBatchSize = 20",
        "a1.sinks.k1.kafka.producer.acks = 1", "a1.sinks.k1.kafka.producer.linger.ms = 1");
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).extracting(Problem::key, Problem::line).contains(
        org.assertj.core.groups.Tuple.tuple("a1.sinks.k1.kafka.bootstrap.servers", 9),
        org.assertj.core.groups.Tuple.tuple("a1.sinks.k1.kafka.flumeBatchSize", 11));
    Problem host = warningAt(report, "a1.sinks.k1.kafka.bootstrap.servers");
    assertThat(host.message()).contains("hadoop104").contains("does not resolve");
    assertThat(host.fix()).contains("hadoop102", "hadoop103", "hadoop105");
    Problem batch = warningAt(report, "a1.sinks.k1.kafka.flumeBatchSize");
    assertThat(batch.message()).contains("deprecated");
    assertThat(batch.fix()).contains("a1.sinks.k1.flumeBatchSize = 20");
  }

  @Test
  void deprecatedKeysWorkWithAWarningNamingTodaysKey() {
    CheckReport report = check("a1.sinks.k1.brokerList = 127.0.0.1:9092",
        "a1.sinks.k1.topic = first", "a1.sinks.k1.batchSize = 10", "a1.sinks.k1.requiredAcks = -1");
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).extracting(Problem::fix).containsExactlyInAnyOrder(
        "Write 'a1.sinks.k1.kafka.bootstrap.servers = 127.0.0.1:9092' instead.",
        "Write 'a1.sinks.k1.kafka.topic = first' instead.",
        "Write 'a1.sinks.k1.flumeBatchSize = 10' instead.",
        "Write 'a1.sinks.k1.kafka.producer.acks = -1' instead.");
  }

  @Test
  void unknownKafkaKeysAreErrorsAtTheirLine() {
    CheckReport report = check("a1.sinks.k1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.sinks.k1.kafka.topc = first", "a1.sinks.k1.kafka.producer.linger.msec = 1");
    assertThat(report.errors()).extracting(Problem::key, Problem::line).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("a1.sinks.k1.kafka.topc", 10),
        org.assertj.core.groups.Tuple.tuple("a1.sinks.k1.kafka.producer.linger.msec", 11));
    assertThat(errorAt(report, "a1.sinks.k1.kafka.topc").fix()).contains("kafka.topic");
    assertThat(errorAt(report, "a1.sinks.k1.kafka.producer.linger.msec").fix())
        .contains("kafka.producer.linger.ms");
  }

  @Test
  void aProducerValueKafkaRefusesIsReportedWithKafkasMessage() {
    CheckReport report = check("a1.sinks.k1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.sinks.k1.kafka.producer.compression.type = zip",
        "a1.sinks.k1.kafka.producer.linger.ms = soon",
        "a1.sinks.k1.kafka.producer.acks = most");
    assertThat(report.errors()).extracting(Problem::key).containsExactlyInAnyOrder(
        "a1.sinks.k1.kafka.producer.compression.type", "a1.sinks.k1.kafka.producer.linger.ms",
        "a1.sinks.k1.kafka.producer.acks");
    assertThat(errorAt(report, "a1.sinks.k1.kafka.producer.compression.type").message())
        .contains("Kafka says").contains("zip").contains("gzip");
    assertThat(errorAt(report, "a1.sinks.k1.kafka.producer.acks").message()).contains("most");
  }

  @Test
  void producerSettingsThatClashAreReportedWithKafkasMessage() {
    CheckReport report = check("a1.sinks.k1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.sinks.k1.kafka.producer.enable.idempotence = true",
        "a1.sinks.k1.kafka.producer.acks = 1");
    assertThat(report.errors()).singleElement().satisfies(p ->
        assertThat(p.message()).contains("Kafka says").containsIgnoringCase("idempotence"));
  }

  @Test
  void keysTheSinkSetsItselfAreRefusedWithTheKeyToUse() {
    CheckReport report = check("a1.sinks.k1.kafka.bootstrap.servers = 127.0.0.1:9092",
        "a1.sinks.k1.kafka.producer.bootstrap.servers = 127.0.0.1:9093");
    assertThat(errorAt(report, "a1.sinks.k1.kafka.producer.bootstrap.servers").fix())
        .contains("kafka.bootstrap.servers");
  }

  @Test
  void missingOrMalformedBrokersAreErrors() {
    assertThat(check("a1.sinks.k1.kafka.topic = first").errors()).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("kafka.bootstrap.servers"));
    assertThat(check("a1.sinks.k1.kafka.bootstrap.servers = hadoop102").errors())
        .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("host:port"));
  }

  private static Problem warningAt(CheckReport report, String key) {
    return at(report.warnings(), key);
  }

  private static Problem errorAt(CheckReport report, String key) {
    return at(report.errors(), key);
  }

  private static Problem at(List<Problem> problems, String key) {
    return problems.stream().filter(p -> key.equals(p.key())).findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + key + " in " + problems));
  }
}
