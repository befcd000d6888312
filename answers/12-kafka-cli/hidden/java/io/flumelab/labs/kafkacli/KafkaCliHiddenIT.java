package io.flumelab.labs.kafkacli;

import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 12: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public test's lines come from the console producer, which without keys
 * may put all of them in one partition, and are written before consume starts: a consumer of one
 * partition (--partition 0), or one that stops after some messages (--max-messages), can pass it.
 * Here the lines go to both partitions, before consume starts and while it runs.
 */
@LabTest
@LabCluster(kafka = 3)
@DisplayName("Lab 12 (hidden): Kafka on the command line")
class KafkaCliHiddenIT {

  private static final String TOPIC = "first";
  private static final Duration PRINTED = Duration.ofSeconds(60);

  /** The wrappers' hosts file, written on their first run. */
  @TempDir
  static Path state;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("consume prints the lines of both partitions of first, those written before it started and those written while it runs")
  void consumeReadsEveryPartitionOldAndNew(Admin admin, @KafkaBootstrap String bootstrap)
      throws Exception {
    KafkaCliIT.ensureFirst(admin);
    List<String> before = KafkaCliIT.lines("before consume", 10);
    List<String> during = KafkaCliIT.lines("while consume runs", 10);
    send(bootstrap, before);

    try (CliScript consume = CliScript.start(state, "consume")) {
      awaitPrinted(consume, before, "the lines written to partitions 0 and 1 of " + TOPIC
          + " before it started: from the beginning, of every partition (no --partition)?");
      send(bootstrap, during);
      awaitPrinted(consume, during, "the lines written to partitions 0 and 1 of " + TOPIC
          + " while it ran: a consumer runs until it is stopped (no --max-messages or "
          + "--timeout-ms) and reads every partition");
    }
  }

  /** Sends the lines to partitions 0 and 1 in turn, so that each partition holds half. */
  private static void send(String bootstrap, List<String> lines) {
    try (KafkaProducer<String, String> producer = KafkaCliIT.producer(bootstrap)) {
      for (int i = 0; i < lines.size(); i++) {
        producer.send(new ProducerRecord<>(TOPIC, i % 2, null, lines.get(i)));
      }
    }
  }

  private static void awaitPrinted(CliScript consume, List<String> lines, String what) {
    try {
      Awaitility.await().atMost(PRINTED).pollInterval(Duration.ofMillis(200)).until(() -> {
        boolean ended = consume.ended();
        if (consume.stdout().containsAll(lines)) {
          return true;
        }
        if (ended) {
          throw consume.endedError();
        }
        return false;
      });
    } catch (ConditionTimeoutException e) {
      List<String> missing = lines.stream().filter(line -> !consume.stdout().contains(line))
          .toList();
      throw new AssertionError("kafka-cli.sh consume did not print, within " + PRINTED.toSeconds()
          + " s, " + what + " Missing: " + missing, e);
    }
  }
}
