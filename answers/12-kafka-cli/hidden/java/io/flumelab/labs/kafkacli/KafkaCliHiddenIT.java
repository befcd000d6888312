package io.flumelab.labs.kafkacli;

import static io.flumelab.labs.kafkacli.FirstTopic.TOPIC;
import static io.flumelab.labs.kafkacli.FirstTopic.lines;
import static io.flumelab.labs.kafkacli.FirstTopic.sendToBothPartitions;

import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
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
    FirstTopic.ensure(admin);
    List<String> before = lines("before consume", 10);
    List<String> during = lines("while consume runs", 10);
    sendToBothPartitions(bootstrap, before);

    try (CliScript consume = CliScript.start(state, "consume")) {
      consume.awaitPrinted(before, PRINTED, "the lines written to partitions 0 and 1 of " + TOPIC
          + " before it started: from the beginning, of every partition (no --partition)?");
      sendToBothPartitions(bootstrap, during);
      consume.awaitPrinted(during, PRINTED, "the lines written to partitions 0 and 1 of " + TOPIC
          + " while it ran: a consumer runs until it is stopped (no --max-messages or "
          + "--timeout-ms) and reads every partition");
    }
  }
}
