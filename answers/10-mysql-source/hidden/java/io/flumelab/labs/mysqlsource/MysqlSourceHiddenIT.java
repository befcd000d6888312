package io.flumelab.labs.mysqlsource;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.cluster.mysql.MysqlService;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.PluginsDirectory;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 10: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests start from the beginning of the table; this one gives
 * start.from, a key the notes read and a student may forget to honour.
 */
@LabTest
@LabCluster(mysql = true)
@DisplayName("Lab 10 (hidden): a MySQL source")
class MysqlSourceHiddenIT {

  @TempDir
  Path dir;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("with start.from = 10 and no offset in flume_meta yet, only the rows after id 10 arrive")
  void startFromSkipsTheEarlierRows(LabAgents agents, MysqlService mysql) throws IOException {
    Rows students = new Rows(mysql, MysqlService.DATABASE, "student").reset();
    students.insert(List.of(2, 5, 10, 11, 17, 30));
    Files.createDirectories(dir.resolve("received"));
    PluginsDirectory plugins = PluginsDirectory.at(dir.resolve("plugins.d"))
        .lib("mysqlsource", Lab.classes(), "mysqlsource.jar")
        .libext("mysqlsource", com.mysql.cj.jdbc.Driver.class);
    StudentJob source = StudentJob.read(Lab.file("jobs/mysql.conf"));
    Path job = StudentJob.write(dir.resolve("start-from.conf"),
        Map.of("r1", source.with(Map.of("start.from", "10"))), StudentJob.fileRoll(dir, 1000));

    agents.start("a1", job, "--plugins-path", plugins.root().toString());

    try {
      Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> Received.in(dir.resolve("received")).ids().contains(30));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Row 30 did not arrive within 20 s with start.from = 10; received: "
          + Received.in(dir.resolve("received")).ids(), e);
    }
    assertThat(Received.in(dir.resolve("received")).ids()).as("the ids that arrived with "
        + "start.from = 10").containsExactly(11, 17, 30);
  }
}
