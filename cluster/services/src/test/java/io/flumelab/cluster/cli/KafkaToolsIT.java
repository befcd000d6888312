package io.flumelab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/kafka-*.sh run Kafka's own tools against the brokers, as the course's command lines do. */
@LabCluster(kafka = 1)
class KafkaToolsIT {

  private static final String BROKER = "hadoop102:9092";

  @TempDir
  static Path state;

  @Test
  void topicsAreCreatedListedAndDescribed() {
    BinScript create = BinScript.run(state, "", "kafka-topics.sh", "--bootstrap-server", BROKER,
        "--create", "--topic", "sec", "--partitions", "3", "--replication-factor", "1");
    assertThat(create.exitCode()).as(create.output()).isZero();
    assertThat(create.out()).contains("Created topic sec.");

    BinScript list = BinScript.run(state, "", "kafka-topics.sh", "--bootstrap-server", BROKER, "--list");
    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.stdout()).contains("sec");

    BinScript describe = BinScript.run(state, "", "kafka-topics.sh", "--bootstrap-server", BROKER,
        "--describe", "--topic", "sec");
    assertThat(describe.exitCode()).as(describe.output()).isZero();
    assertThat(describe.out()).contains("PartitionCount: 3", "ReplicationFactor: 1")
        .contains("Partition: 0", "Partition: 1", "Partition: 2");
  }

  @Test
  void linesTypedIntoTheProducerComeOutOfTheConsumer() {
    BinScript create = BinScript.run(state, "", "kafka-topics.sh", "--bootstrap-server", BROKER,
        "--create", "--topic", "first", "--partitions", "3", "--replication-factor", "1");
    assertThat(create.exitCode()).as(create.output()).isZero();

    BinScript produce = BinScript.run(state, "hello\nworld\n你好 kafka\n", "kafka-console-producer.sh",
        "--bootstrap-server", BROKER, "--topic", "first");
    assertThat(produce.exitCode()).as(produce.output()).isZero();

    BinScript consume = BinScript.run(state, "", "kafka-console-consumer.sh", "--bootstrap-server",
        BROKER, "--topic", "first", "--from-beginning", "--max-messages", "3", "--timeout-ms", "60000");
    assertThat(consume.exitCode()).as(consume.output()).isZero();
    // three partitions: each line arrives once, in any order across them
    assertThat(consume.stdout()).containsExactlyInAnyOrder("hello", "world", "你好 kafka");
    assertThat(consume.err()).contains("Processed a total of 3 messages");

    BinScript groups = BinScript.run(state, "", "kafka-consumer-groups.sh", "--bootstrap-server",
        BROKER, "--list");
    assertThat(groups.exitCode()).as(groups.output()).isZero();
    assertThat(groups.stdout()).anyMatch(group -> group.startsWith("console-consumer-"));
  }

  @Test
  void theNotesConsumerConfigJoinsGroupTestAndTheOffsetsAndConfigsToolsWork() {
    BinScript create = BinScript.run(state, "", "kafka-topics.sh", "--bootstrap-server", BROKER,
        "--create", "--topic", "grouped", "--partitions", "2", "--replication-factor", "1");
    assertThat(create.exitCode()).as(create.output()).isZero();
    BinScript produce = BinScript.run(state, "one\ntwo\nthree\n", "kafka-console-producer.sh",
        "--bootstrap-server", BROKER, "--topic", "grouped");
    assertThat(produce.exitCode()).as(produce.output()).isZero();

    // the notes' command, --zookeeper replaced as the wrapper says, with the shipped config file
    BinScript consume = BinScript.run(state, "", "kafka-console-consumer.sh", "--bootstrap-server",
        BROKER, "--topic", "grouped", "--from-beginning", "--consumer.config",
        "config/consumer.properties", "--max-messages", "3", "--timeout-ms", "60000");
    assertThat(consume.exitCode()).as(consume.output()).isZero();
    assertThat(consume.stdout()).containsExactlyInAnyOrder("one", "two", "three");
    // Kafka 4 calls the option --command-config; the wrapper says so on stderr, not among the messages
    assertThat(consume.err()).contains("--consumer.config is Kafka 4's old name of --command-config");

    BinScript group = BinScript.run(state, "", "kafka-consumer-groups.sh", "--bootstrap-server",
        BROKER, "--describe", "--group", "test");
    assertThat(group.exitCode()).as(group.output()).isZero();
    assertThat(group.stdout()).as(group.output())
        .anyMatch(line -> line.matches("test\\s+grouped\\s+0\\s+.*"))
        .anyMatch(line -> line.matches("test\\s+grouped\\s+1\\s+.*"));

    BinScript offsets = BinScript.run(state, "", "kafka-get-offsets.sh", "--bootstrap-server",
        BROKER, "--topic", "grouped");
    assertThat(offsets.exitCode()).as(offsets.output()).isZero();
    // topic:partition:end offset; three records over two partitions
    assertThat(offsets.stdout()).hasSize(2).allMatch(line -> line.matches("grouped:[01]:\\d+"));
    assertThat(offsets.stdout().stream().mapToLong(line -> Long.parseLong(line.split(":")[2])).sum())
        .isEqualTo(3);

    BinScript alter = BinScript.run(state, "", "kafka-configs.sh", "--bootstrap-server", BROKER,
        "--entity-type", "topics", "--entity-name", "grouped", "--alter", "--add-config",
        "retention.ms=3600000");
    assertThat(alter.exitCode()).as(alter.output()).isZero();
    BinScript describe = BinScript.run(state, "", "kafka-configs.sh", "--bootstrap-server", BROKER,
        "--entity-type", "topics", "--entity-name", "grouped", "--describe");
    assertThat(describe.exitCode()).as(describe.output()).isZero();
    assertThat(describe.out()).contains("retention.ms=3600000");
  }

  @Test
  void theNotesZookeeperFormIsAnsweredWithTheBootstrapServerCommand() {
    // no JVM may start for this answer: a Java that does not exist proves it
    BinScript topics = BinScript.start(state, Map.of("JAVA_HOME", "/nonexistent"), "kafka-topics.sh",
        "--zookeeper", "hadoop102:2181", "--create", "--topic", "sec", "--partitions", "3",
        "--replication-factor", "2").awaitExit(Duration.ofSeconds(10));
    assertThat(topics.exitCode()).isEqualTo(1);
    assertThat(topics.out()).isEmpty();
    assertThat(topics.err()).contains("Kafka 4 has no ZooKeeper", "KRaft")
        .contains("  bin/kafka-topics.sh --bootstrap-server hadoop102:9092 --create --topic sec "
            + "--partitions 3 --replication-factor 2");

    BinScript consumer = BinScript.start(state, Map.of("JAVA_HOME", "/nonexistent"),
        "kafka-console-consumer.sh", "--zookeeper=hadoop102:2181,hadoop103:2181,hadoop105:2181/kafka",
        "--topic", "sec", "--from-beginning").awaitExit(Duration.ofSeconds(10));
    assertThat(consumer.exitCode()).isEqualTo(1);
    assertThat(consumer.err()).contains("  bin/kafka-console-consumer.sh --bootstrap-server "
        + "hadoop102:9092,hadoop103:9092,hadoop105:9092 --topic sec --from-beginning");
  }

  @Test
  void theNotesBrokerListFormIsAnsweredToo() {
    BinScript producer = BinScript.start(state, Map.of("JAVA_HOME", "/nonexistent"),
        "kafka-console-producer.sh", "--broker-list", "hadoop102:9092", "--topic", "sec")
        .awaitExit(Duration.ofSeconds(10));
    assertThat(producer.exitCode()).isEqualTo(1);
    assertThat(producer.err()).contains("--broker-list is gone in Kafka 4")
        .contains("  bin/kafka-console-producer.sh --bootstrap-server hadoop102:9092 --topic sec");
  }
}
