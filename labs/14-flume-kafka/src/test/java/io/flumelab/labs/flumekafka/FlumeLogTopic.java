package io.flumelab.labs.flumekafka;

import static io.flumelab.cluster.junit.On.on;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LogFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The job of one test and both its ends: a fresh flume.log for its exec source, and the records
 * topic {@value #TOPIC} receives from the test's start on. The topic is made by the test as an
 * administrator would, replicated so that a broker may stop, before the agent starts (a topic Kafka
 * creates by itself on the first record has one partition and one replica).
 */
final class FlumeLogTopic implements AutoCloseable {

  static final String TOPIC = "first";
  static final Duration ARRIVES = Duration.ofSeconds(60);

  final Path job = Lab.file("jobs/flume-kafka.conf");
  final LogFile flumeLog;
  final TopicRecords topic;

  private FlumeLogTopic(LogFile flumeLog, TopicRecords topic) {
    this.flumeLog = flumeLog;
    this.topic = topic;
  }

  /** flume.log under {@code dir}, and first with 3 partitions of 2 replicas, read from its end. */
  static FlumeLogTopic prepare(Path dir, Admin admin, String bootstrap) throws Exception {
    LogFile flumeLog = LogFile.create(dir.resolve("flume.log"));
    TopicRecords.createIfAbsent(admin, TOPIC, 3, 2);
    return new FlumeLogTopic(flumeLog, TopicRecords.fromNowOn(bootstrap, TOPIC));
  }

  /** Starts the job's agent a1 on hadoop102, tailing this test's flume.log. */
  AgentProcess start(LabAgents agents) {
    return agents.start("a1", job, on("hadoop102"), "-DFLUME_LOG=" + flumeLog);
  }

  /**
   * Waits until the topic holds all these lines; returns every record read. A failure says that
   * the lines {@code what} did not arrive, what did, and then {@code hint}.
   */
  List<ConsumerRecord<String, String>> awaitLines(Collection<String> lines, String what,
      String hint) {
    return await(() -> new HashSet<>(values(topic.poll())).containsAll(lines), lines.size(), what,
        hint);
  }

  /** Waits until the topic holds at least that many records; returns every record read. */
  List<ConsumerRecord<String, String>> awaitAtLeast(int count, String what, String hint) {
    return await(() -> topic.poll().size() >= count, count, what, hint);
  }

  private List<ConsumerRecord<String, String>> await(BooleanSupplier arrived, int expected,
      String what, String hint) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(100))
          .until(arrived::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      List<String> seen = values(topic.read());
      throw new AssertionError("Topic " + TOPIC + " did not receive the " + expected + " lines "
          + what + " within " + ARRIVES.toSeconds() + " s; it received " + seen.size() + " lines"
          + (seen.isEmpty() ? "" : ", starting " + seen.subList(0, Math.min(3, seen.size())))
          + ". " + hint, e);
    }
    return topic.read();
  }

  static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }

  @Override
  public void close() {
    topic.close();
  }
}
