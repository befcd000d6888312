package io.flumelab.labs.flumekafka;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LogFile;
import io.flumelab.harness.Points;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 14: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests append to one flume.log; an application's log is rotated
 * (renamed, and a new one started), which {@code tail -f} does not follow: it keeps reading the
 * renamed file, where {@code tail -F} follows the name to the new one.
 */
@LabTest
@LabCluster(kafka = 3)
@DisplayName("Lab 14 (hidden): exec (tail -F) -> memory -> Kafka")
class FlumeKafkaHiddenIT {

  private static final String TOPIC = "first";
  private static final Duration ARRIVES = Duration.ofSeconds(60);

  private final Path job = Lab.file("jobs/flume-kafka.conf");

  @TempDir
  Path dir;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("flume.log rotated while the agent runs (renamed, a new one begun): the new file's lines reach first too, each once")
  void aRotatedLogIsFollowed(LabAgents agents, Admin admin, @KafkaBootstrap String bootstrap)
      throws Exception {
    TopicRecords.createIfAbsent(admin, TOPIC, 3, 2);
    try (TopicRecords topic = TopicRecords.fromNowOn(bootstrap, TOPIC)) {
      LogFile flumeLog = LogFile.create(dir.resolve("flume.log"));
      agents.start("a1", job, on("hadoop102"), "-DFLUME_LOG=" + flumeLog);
      List<String> before = lines("before the rotation", 50);
      flumeLog.append(before.toArray(String[]::new));
      awaitLines(topic, before, "written to flume.log. Does the sink send to topic " + TOPIC
          + " on the course's brokers?");

      Files.move(flumeLog.path(), dir.resolve("flume.log.1"));
      LogFile rotated = LogFile.create(flumeLog.path());
      List<String> after = lines("after the rotation", 50);
      rotated.append(after.toArray(String[]::new));
      List<String> all = new ArrayList<>(before);
      all.addAll(after);
      List<ConsumerRecord<String, String>> records = awaitLines(topic, all, "of both files: the "
          + "old flume.log, then the new one begun after the old was renamed flume.log.1. tail -f "
          + "keeps reading the renamed file; tail -F follows the name to the new one");

      assertThat(records).as("the lines read from %s, each once (the old file's lines were not "
          + "to be sent again)", TOPIC).extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrderElementsOf(all);
    }
  }

  /** Waits until the topic holds every one of these lines; returns every record read. */
  private static List<ConsumerRecord<String, String>> awaitLines(TopicRecords topic,
      List<String> lines, String what) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(100))
          .until(() -> new HashSet<>(topic.poll().stream().map(ConsumerRecord::value).toList())
              .containsAll(lines));
    } catch (ConditionTimeoutException e) {
      List<String> seen = topic.read().stream().map(ConsumerRecord::value).toList();
      throw new AssertionError("Topic " + TOPIC + " did not receive within "
          + ARRIVES.toSeconds() + " s the " + lines.size() + " lines " + what + "; it received "
          + seen.size() + " lines in all"
          + (seen.isEmpty() ? "" : ", the last " + seen.get(seen.size() - 1)), e);
    }
    return topic.read();
  }

  private static List<String> lines(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("%s %02d", prefix, i)).toList();
  }
}
