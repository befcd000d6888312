package io.flumelab.labs.flumekafka;

import static io.flumelab.labs.flumekafka.FlumeLogTopic.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LogFile;
import io.flumelab.harness.Points;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

  @TempDir
  Path dir;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("flume.log rotated while the agent runs (renamed, a new one begun): the new file's lines reach first too, each once")
  void aRotatedLogIsFollowed(LabAgents agents, Admin admin, @KafkaBootstrap String bootstrap)
      throws Exception {
    try (FlumeLogTopic ends = FlumeLogTopic.prepare(dir, admin, bootstrap)) {
      ends.start(agents);
      List<String> before = lines("before the rotation", 50);
      ends.flumeLog.append(before.toArray(String[]::new));
      ends.awaitLines(before, "written to flume.log", "Does the sink send to topic " + TOPIC
          + " on the course's brokers?");

      Files.move(ends.flumeLog.path(), dir.resolve("flume.log.1"));
      LogFile rotated = LogFile.create(ends.flumeLog.path());
      List<String> after = lines("after the rotation", 50);
      rotated.append(after.toArray(String[]::new));
      List<String> all = new ArrayList<>(before);
      all.addAll(after);
      List<ConsumerRecord<String, String>> records = ends.awaitLines(all, "of both files: the old "
          + "flume.log, then the new one begun after the old was renamed flume.log.1", "tail -f "
          + "keeps reading the renamed file; tail -F follows the name to the new one.");

      assertThat(records).as("the lines read from %s, each once (the old file's lines were not "
          + "to be sent again)", TOPIC).extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrderElementsOf(all);
    }
  }

  private static List<String> lines(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("%s %02d", prefix, i)).toList();
  }
}
