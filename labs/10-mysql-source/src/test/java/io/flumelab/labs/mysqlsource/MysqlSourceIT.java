package io.flumelab.labs.mysqlsource;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.cluster.mysql.MysqlService;
import io.flumelab.harness.AgentCounters;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.PluginsDirectory;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student's source in a real agent against the cluster's MySQL (MariaDB) at hadoop102:3306,
 * database mysqlsource. The agent gets the student's classes and the JDBC driver as a student ships
 * them: a jar in plugins.d/mysqlsource/lib and the driver in plugins.d/mysqlsource/libext. Every
 * test reads the rows the sink wrote, so it judges what the source did, not how.
 */
@LabTest
@LabCluster(mysql = true)
@DisplayName("Lab 10: a MySQL source")
class MysqlSourceIT {

  /** How long a row may take to arrive: the source polls every run.query.delay (500 ms). */
  private static final Duration ARRIVES = Duration.ofSeconds(20);
  /** After d1 came up: the avro sink that failed waits before it tries again. */
  private static final Duration ARRIVES_AFTER_OUTAGE = Duration.ofSeconds(60);
  /** How long nothing more may arrive once every row did: several polls. */
  private static final Duration NOTHING_MORE = Duration.ofMillis(2500);
  private static final int MONITORING_PORT = 44496;

  private final Path job = Lab.file("jobs/mysql.conf");

  @TempDir
  Path dir;
  private PluginsDirectory plugins;
  private Rows students;

  @BeforeEach
  void prepare(MysqlService mysql) throws IOException {
    students = new Rows(mysql, MysqlService.DATABASE, "student").reset();
    Files.createDirectories(dir.resolve("received"));
    plugins = PluginsDirectory.at(dir.resolve("plugins.d"))
        .lib("mysqlsource", Lab.classes(), "mysqlsource.jar")
        .libext("mysqlsource", com.mysql.cj.jdbc.Driver.class);
  }

  private AgentProcess start(LabAgents agents, Path jobFile, String... options) {
    List<String> args = new ArrayList<>(plugins.option());
    args.add("-DMYSQL_DIR=" + dir);
    args.addAll(List.of(options));
    return agents.start("a1", jobFile, args.toArray(String[]::new));
  }

  @Test
  @Order(1)
  @Points(15)
  @DisplayName("rows with gaps in their ids, Chinese text and NULLs arrive once each, in id order")
  void rowsArriveOnceInOrder(LabAgents agents) {
    List<Integer> ids = List.of(1, 2, 3, 5, 8, 13, 14, 21, 34, 55, 89, 144, 145, 146, 300);
    students.insert(ids);

    AgentProcess a1 = start(agents, job);

    assertArrivedOnce(ids, "before the agent started", a1);
  }

  @Test
  @Order(2)
  @Points(15)
  @DisplayName("rows inserted while the agent runs arrive, the earlier ones not again")
  void newRowsArrive(LabAgents agents) {
    students.insert(List.of(1, 2, 3));
    AgentProcess a1 = start(agents, job);
    awaitRows(List.of(1, 2, 3), "before the agent started", a1, ARRIVES);

    students.insert(List.of(7, 10, 11));
    awaitRows(List.of(7, 10, 11), "while the agent ran", a1, ARRIVES);
    students.insert(List.of(40, 41, 999));

    assertArrivedOnce(List.of(1, 2, 3, 7, 10, 11, 40, 41, 999), "while the agent ran", a1);
  }

  @Test
  @Order(3)
  @Points(15)
  @DisplayName("stopped and started again, the source goes on after the last row it sent: none lost, none twice")
  void resumesAfterARestart(LabAgents agents) {
    students.insert(List.of(1, 4, 9, 16, 25));
    AgentProcess a1 = start(agents, job);
    awaitRows(List.of(1, 4, 9, 16, 25), "before the stop", a1, ARRIVES);

    int status = a1.stop();
    students.insert(List.of(36, 49, 64));
    a1.restart();

    assertArrivedOnce(List.of(1, 4, 9, 16, 25, 36, 49, 64), "before the stop and while the "
        + "agent was stopped (the offset kept in flume_meta must be the last id sent)", a1);
    assertThat(status).as("a1's exit status after SIGTERM").isZero();
  }

  @Test
  @Order(4)
  @Points(15)
  @DisplayName("when the database drops the connection, twice, the source connects again and goes on")
  void reconnects(LabAgents agents) {
    students.insert(List.of(1, 2));
    AgentProcess a1 = start(agents, job);
    awaitRows(List.of(1, 2), "before the connection was dropped", a1, ARRIVES);

    assertThat(students.killOtherConnections()).as("the agent's connections ended").isPositive();
    students.insert(List.of(5, 6));
    awaitRows(List.of(5, 6), "after the database dropped the agent's connection (the source must "
        + "connect again, and keep trying while the database does not answer)", a1, ARRIVES);
    students.killOtherConnections();
    students.insert(List.of(8, 9));

    assertArrivedOnce(List.of(1, 2, 5, 6, 8, 9), "after the connection was dropped twice", a1);
  }

  @Test
  @Order(5)
  @Points(10)
  @DisplayName("two sources of one agent, reading two databases, keep their connections apart")
  void twoSourcesKeepTheirOwnConnections(LabAgents agents, MysqlService mysql) {
    Rows teachers = new Rows(mysql, "mysqlsource2", "teacher").reset();
    StudentJob source = StudentJob.read(job);
    Map<String, Map<String, String>> sources = new LinkedHashMap<>();
    sources.put("students", source.with(Map.of()));
    sources.put("teachers", source.with(Map.of("table", "teacher", "connection.url",
        "jdbc:mysql://hadoop102:" + mysql.port() + "/mysqlsource2?useUnicode=true"
            + "&characterEncoding=utf-8")));
    Path twoSources = StudentJob.write(dir.resolve("two-sources.conf"), sources,
        StudentJob.fileRoll(dir, 10000));
    students.insert(List.of(1, 2, 3));
    teachers.insert(List.of(1001, 1002, 1003));

    AgentProcess a1 = start(agents, twoSources);

    assertArrivedOnce(List.of(1, 2, 3, 1001, 1002, 1003), "into student (database mysqlsource) "
        + "and teacher (database mysqlsource2) for two sources of one agent (a connection kept "
        + "in a static field is one for every instance of the class: the last configured wins)",
        a1);
  }

  @Test
  @Order(6)
  @Points(15)
  @DisplayName("a table name carrying SQL ('student; DROP TABLE flume_meta') is refused at start, and nothing is dropped")
  void refusesSqlInTheTableName(LabAgents agents) {
    StudentJob source = StudentJob.read(job);
    Path injected = StudentJob.write(dir.resolve("injected.conf"),
        Map.of("r1", source.with(Map.of("table", "student; DROP TABLE flume_meta"))),
        StudentJob.fileRoll(dir, 10000));
    students.insert(List.of(1));

    AssertionError refused = null;
    try {
      start(agents, injected);
    } catch (AssertionError exited) {
      refused = exited;
    }
    if (refused == null) {
      throw new AssertionError("The agent started although its source's table is 'student; DROP "
          + "TABLE flume_meta'. A table name cannot be a bound parameter, so it ends up in the "
          + "SQL: the source must refuse one that is not a plain name (letters, digits, _) in "
          + "configure(), with a ConfigurationException naming the key 'table'.");
    }
    assertThat(refused.getMessage()).as("what the agent said when it refused to start: it "
        + "should name the key 'table'").contains("table");
    assertThat(students.tableExists("flume_meta")).as("flume_meta still exists").isTrue();
  }

  @Test
  @Order(7)
  @Points(15)
  @DisplayName("with a full channel, the rows it refused arrive once it drains: the offset moves only after the channel took them")
  void aFullChannelLosesNoRow(LabAgents agents) {
    StudentJob source = StudentJob.read(job);
    Path small = StudentJob.write(dir.resolve("small-channel.conf"),
        Map.of("r1", source.with(Map.of("max.rows", "10"))), StudentJob.toDownstream(20));
    List<Integer> ids = IntStream.rangeClosed(1, 60).map(n -> n * 3).boxed().toList();
    students.insert(ids);

    AgentProcess a1 = start(agents, small, "-Dflume.monitoring.type=http",
        "-Dflume.monitoring.port=" + MONITORING_PORT);
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(200)).until(() -> {
        AgentCounters counters = AgentCounters.read(MONITORING_PORT);
        return counters.channel("c1", "ChannelSize") > 10
            && counters.channel("c1", "EventPutAttemptCount")
            > counters.channel("c1", "EventPutSuccessCount");
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("a1's channel of 20 events never filled and refused a batch while "
          + "its sink could not deliver and 60 rows waited: does the source read at most "
          + "max.rows (10) rows per query?", e);
    }
    agents.start("d1", Lab.given("downstream.conf"), "-DMYSQL_DIR=" + dir)
        .awaitListening("localhost", 44495);

    assertArrivedOnce(ids, "while the channel was full (a refused batch throws ChannelException "
        + "from processEventBatch: the offset must not move, and the same rows are read again)",
        a1, ARRIVES_AFTER_OUTAGE);
  }

  private void assertArrivedOnce(List<Integer> ids, String when, AgentProcess a1) {
    assertArrivedOnce(ids, when, a1, ARRIVES);
  }

  /** Every row arrived, then several polls brought nothing more: once each, in id order. */
  private void assertArrivedOnce(List<Integer> ids, String when, AgentProcess a1, Duration within) {
    awaitRows(ids, when, a1, within);
    try {
      Awaitility.await().during(NOTHING_MORE).atMost(NOTHING_MORE.multipliedBy(3))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> Received.in(dir.resolve("received")).twice().isEmpty());
    } catch (ConditionTimeoutException e) {
      Received received = Received.in(dir.resolve("received"));
      throw new AssertionError("Rows arrived more than once: " + received.twice() + " (all, in "
          + "order of arrival: " + received.ids() + "). The offset kept in flume_meta must be the "
          + "last id sent, not how many rows were sent: with gaps in the ids a count is smaller "
          + "than the last id, and the next query sends rows again.", e);
    }
    Received received = Received.in(dir.resolve("received"));
    assertThat(received.ids()).as("the ids of the rows the sink wrote")
        .containsExactlyInAnyOrderElementsOf(ids);
    // ids below 1000 are the table student's, the others teacher's: each table's in id order
    for (boolean students : List.of(true, false)) {
      List<Integer> table = received.ids().stream().filter(id -> id < 1000 == students).toList();
      assertThat(table).as("the ids of the rows of %s, in order of arrival",
          students ? "student" : "teacher").isSorted();
    }
  }

  private void awaitRows(List<Integer> ids, String when, AgentProcess a1, Duration within) {
    AtomicReference<Received> last = new AtomicReference<>();
    try {
      Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
        Received now = Received.in(dir.resolve("received"));
        last.set(now);
        return !now.garbled().isEmpty() || now.containsAll(ids);
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(last.get().missing(ids).size() + " of the " + ids.size()
          + " rows inserted " + when + " did not arrive within " + within.toSeconds() + " s: ids "
          + last.get().missing(ids) + (a1.isAlive() ? "." : "; the agent a1 is not running: see "
          + "its output above."), e);
    }
    if (!last.get().garbled().isEmpty()) {
      throw new AssertionError("The sink wrote " + last.get().garbled().size() + " line(s) that "
          + "are not a row as inserted, the first: '" + last.get().garbled().get(0) + "'. A row "
          + "is its columns joined by commas, NULL as nothing ('7,'), text decoded as UTF-8: "
          + "make the body with getBytes(StandardCharsets.UTF_8), not getBytes(), whose charset "
          + "is the machine's.");
    }
  }
}
