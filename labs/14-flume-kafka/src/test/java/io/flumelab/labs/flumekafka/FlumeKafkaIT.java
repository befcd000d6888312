package io.flumelab.labs.flumekafka;

import static io.flumelab.cluster.junit.On.on;
import static io.flumelab.labs.flumekafka.FlumeLogTopic.ARRIVES;
import static io.flumelab.labs.flumekafka.FlumeLogTopic.TOPIC;
import static io.flumelab.labs.flumekafka.FlumeLogTopic.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.cluster.kafka.KafkaService;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.FlumeNgCli;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@LabTest
@LabCluster(kafka = 3)
@DisplayName("Lab 14: exec (tail -F) -> memory -> Kafka")
class FlumeKafkaIT {

  /** The course's brokers' hosts; the notes' hadoop104 is not one of them. */
  private static final Set<String> COURSE_HOSTS = Set.of("hadoop102", "hadoop103", "hadoop105");

  /** The first line of every run: once it is in the topic, the agent follows the log. */
  private static final String FOLLOWING = "the agent follows flume.log";
  private static final String WRITTEN = "written to the log";
  private static final String SINK_HINT = "Does the sink send to topic " + TOPIC
      + " on hadoop102:9092, hadoop103:9092 and hadoop105:9092, and does its batch fit the "
      + "channel?";

  @TempDir
  Path dir;

  private FlumeLogTopic ends;

  @BeforeEach
  void emptyLogAndTopic(Admin admin, @KafkaBootstrap String bootstrap) throws Exception {
    ends = FlumeLogTopic.prepare(dir, admin, bootstrap);
  }

  @AfterEach
  void closeConsumer() {
    if (ends != null) {
      ends.close();
    }
  }

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the job passes flume-ng check without warnings: exec -> memory -> kafka, to topic first")
  void jobIsValid() {
    Job agent = JobCheck.assertClean(ends.job, "a1", List.of("FLUME_LOG=" + ends.flumeLog));

    Job.Component sink = agent.assertFlow("exec", "memory", "kafka");
    assertThat(sink.setting("kafka.topic")).as("the topic %s sends to (kafka.topic)", sink)
        .isEqualTo(TOPIC);
  }

  @Test
  @Tag("job")
  @Order(2)
  @Points(10)
  @DisplayName("the notes' two faults: check names kafka.flumeBatchSize and hadoop104; your sink has neither and sends 20 a batch")
  void theNotesFaultsAreCaughtAndFixed() throws URISyntaxException {
    Path notes = Path.of(FlumeKafkaIT.class.getResource("/notes/flume-kafka.conf").toURI());
    FlumeNgCli.Result check = FlumeNgCli.check(notes, "a1");
    List<String> warnings = check.output().lines().filter(line -> line.contains("warning"))
        .toList();
    assertThat(check.exitCode()).as("flume-ng check of the notes' file, which FlumeLab runs with "
        + "warnings:%n%s", check.output()).isZero();
    assertThat(warnings).as("check's warnings on the notes' file").anySatisfy(warning ->
        assertThat(warning).contains("kafka.flumeBatchSize").contains("'flumeBatchSize"));
    assertThat(warnings).as("check's warnings on the notes' file").anySatisfy(warning ->
        assertThat(warning).contains("hadoop104")
            .contains("hadoop102").contains("hadoop103").contains("hadoop105"));

    Job.Component sink = Job.read(ends.job, "a1", Map.of("FLUME_LOG", ends.flumeLog.toString()))
        .assertFlow("exec", "kafka");
    assertThat(sink.settings()).as("the keys of %s: Apache Flume 1.11 ignores "
        + "kafka.flumeBatchSize and sends 100 events a batch", sink)
        .doesNotContainKey("kafka.flumeBatchSize");
    assertThat(sink.number("flumeBatchSize", 100)).as("the batch of %s (flumeBatchSize; the "
        + "notes meant 20)", sink).isEqualTo(20);
    String brokers = sink.setting("kafka.bootstrap.servers");
    assertThat(brokers).as("kafka.bootstrap.servers of %s", sink).isNotBlank();
    assertThat(Arrays.stream(brokers.split(",")).map(String::trim)
        .map(broker -> broker.replaceFirst(":\\d+$", "")).toList())
        .as("the broker hosts of %s = %s: the course's brokers run on hadoop102, hadoop103 "
            + "and hadoop105", sink, brokers)
        .isNotEmpty().allMatch(COURSE_HOSTS::contains);
  }

  @Test
  @Order(3)
  @Points(20)
  @DisplayName("every line added to the log is read from first exactly once, in order within its partition")
  void everyLineOnceInOrderWithinItsPartition(LabAgents agents) {
    start(agents);
    List<String> lines = lines(0, 500);

    for (int from = 0; from < lines.size(); from += 100) {
      ends.flumeLog.append(lines.subList(from, from + 100).toArray(String[]::new));
    }

    List<ConsumerRecord<String, String>> records = awaitLines(lines);
    assertThat(values(records)).as("the lines read from %s, each once", TOPIC)
        .containsExactlyInAnyOrderElementsOf(withFollowing(lines));
    assertInOrderWithinPartitions(records);
  }

  @Test
  @Order(4)
  @Points(20)
  @DisplayName("with acks=all, the leader of the partition being written stopped mid-stream, no line is lost")
  void aStoppedLeaderLosesNoLine(LabAgents agents, Admin admin, KafkaService kafka)
      throws Exception {
    Job.Component sink = Job.read(ends.job, "a1", Map.of("FLUME_LOG", ends.flumeLog.toString()))
        .assertFlow("exec", "kafka");
    // today's key wins over the deprecated requiredAcks, as in the sink
    String acks = Optional.ofNullable(sink.setting("kafka.producer.acks"))
        .orElse(sink.setting("requiredAcks"));
    assertThat(acks).as("kafka.producer.acks of %s (Flume's default is 1: acknowledged by the "
        + "leader alone, lost when it stops before its followers copied it)", sink)
        .isNotNull().matches("(?i)all|-1");
    start(agents);
    int total = 6000;
    List<String> lines = lines(0, total);
    AtomicInteger written = new AtomicInteger();
    // a steady stream, 500 lines a second, so that the broker stops while lines flow
    ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    feeder.scheduleAtFixedRate(() -> {
      int from = written.get();
      if (from < total) {
        ends.flumeLog.append(lines.subList(from, from + 10).toArray(String[]::new));
        written.addAndGet(10);
      }
    }, 0, 20, TimeUnit.MILLISECONDS);
    LabHost leader;
    try {
      List<ConsumerRecord<String, String>> first = awaitAtLeast(1000);
      int partition = first.get(first.size() - 1).partition();
      leader = LabHost.named(TopicRecords.leaderOf(admin, TOPIC, partition));
      System.out.printf("stopping %s, the leader of partition %d of %s, after %d of %d lines%n",
          leader.name(), partition, TOPIC, first.size() - 1, total);
      kafka.stopBroker(leader);
      try {
        awaitAtLeast(3000);
      } finally {
        kafka.startBroker(leader);
      }
      Awaitility.await().atMost(ARRIVES).until(() -> written.get() >= total);
    } finally {
      feeder.shutdownNow();
    }

    List<ConsumerRecord<String, String>> records = awaitLines(lines);
    Set<String> seen = new HashSet<>(values(records));
    long lost = lines.stream().filter(line -> !seen.contains(line)).count();
    long duplicated = records.size() - seen.size();
    System.out.printf("lab 14: %s stopped and restarted mid-stream: %d lines, %d records, "
        + "lost %d, duplicated %d%n", leader.name(), total, records.size(), lost, duplicated);
    assertThat(lost).as("lines lost").isZero();
    assertInOrderWithinPartitions(records);
    // the next test, or class, finds three brokers again
    Awaitility.await().atMost(ARRIVES).ignoreExceptions().until(() ->
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 3);
  }

  /**
   * Starts the agent on hadoop102 and waits until it follows the log: a {@code tail -F} without
   * {@code -c +0} starts with the last 10 lines of the file, so a burst written before it runs
   * could be cut.
   */
  private AgentProcess start(LabAgents agents) {
    AgentProcess agent = ends.start(agents);
    ends.flumeLog.append(FOLLOWING);
    awaitLines(List.of());
    return agent;
  }

  /** "line 0000 ..." from, to: numbered, so the order of a partition can be read back. */
  private static List<String> lines(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> String.format("line %04d of flume.log", i))
        .toList();
  }

  private static List<String> withFollowing(List<String> lines) {
    List<String> expected = new ArrayList<>(List.of(FOLLOWING));
    expected.addAll(lines);
    return expected;
  }

  /**
   * Waits until the topic holds, since the test began, the line that showed the agent follows the
   * log and all these lines; returns every record read.
   */
  private List<ConsumerRecord<String, String>> awaitLines(List<String> lines) {
    return ends.awaitLines(withFollowing(lines), WRITTEN, SINK_HINT);
  }

  /** Waits until the topic holds at least that many lines of this test; returns the records. */
  private List<ConsumerRecord<String, String>> awaitAtLeast(int count) {
    return ends.awaitAtLeast(count + 1, WRITTEN, SINK_HINT);
  }

  /** Each partition holds its lines in the order they were written (the first copy of each). */
  private static void assertInOrderWithinPartitions(List<ConsumerRecord<String, String>> records) {
    Map<Integer, List<String>> byPartition = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      if (seen.add(record.value()) && !record.value().equals(FOLLOWING)) {
        byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record.value());
      }
    }
    byPartition.forEach((partition, lines) -> assertThat(lines)
        .as("the lines of partition %d of %s, in offset order", partition, TOPIC).isSorted());
    System.out.printf("lines per partition of %s: %s%n", TOPIC, byPartition.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().size())));
  }
}
