package io.flumelab.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.cluster.mysql.MysqlService;
import io.flumelab.harness.AgentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jdbc source in real agents against the course's MariaDB, with MariaDB Connector/J in
 * plugins.d/mariadb/libext (passed with --plugins-path) as a user ships it: the agent's own class
 * path has no MariaDB driver. The configuration is written for the flume-ng-sql-source plugin
 * (its class name, its hibernate.* keys); events go through a file channel to a file_roll sink.
 */
@LabCluster(mysql = true)
class JdbcSourceIT {

  private static final Duration STEP = Duration.ofSeconds(120);
  private static final Path PLUGINS = Path.of(System.getProperty("flumelab.jdbc.plugins",
      "target/plugins.d"));
  private static final Pattern LAST_INDEX = Pattern.compile("\"LastIndex\":\"(\\d+)\"");

  @TempDir
  Path dir;

  private Path job(String table, String... extraLines) throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
        "a1.sources.r1.type = org.keedio.flume.source.SQLSource",
        "a1.sources.r1.hibernate.connection.url = jdbc:mariadb://hadoop102:3306/"
            + MysqlService.DATABASE,
        "a1.sources.r1.hibernate.connection.user = " + MysqlService.USER,
        "a1.sources.r1.hibernate.connection.password = " + MysqlService.PASSWORD,
        "a1.sources.r1.hibernate.connection.driver_class = org.mariadb.jdbc.Driver",
        "a1.sources.r1.hibernate.dialect = org.hibernate.dialect.MySQL5Dialect",
        "a1.sources.r1.table = " + table,
        "a1.sources.r1.columns.to.select = id, name, note",
        "a1.sources.r1.incremental.column.name = id",
        "a1.sources.r1.status.file.path = " + dir.resolve("status"),
        "a1.sources.r1.status.file.name = r1.status",
        "a1.sources.r1.run.query.delay = 200",
        // small batches, each a synced commit: the stream takes seconds, so stops land in it
        "a1.sources.r1.batch.size = 100", "a1.sources.r1.max.rows = 1000",
        "a1.sources.r1.maxBackoffSleep = 1000",
        "a1.sources.r1.channels = c1",
        "a1.channels.c1.type = file",
        "a1.channels.c1.checkpointDir = " + dir.resolve("checkpoint"),
        "a1.channels.c1.dataDirs = " + dir.resolve("data"),
        "a1.channels.c1.minimumRequiredSpace = 0",
        "a1.channels.c1.transactionCapacity = 1000",
        "a1.sinks.k1.type = file_roll", "a1.sinks.k1.channel = c1",
        "a1.sinks.k1.sink.directory = " + dir.resolve("out"),
        "a1.sinks.k1.sink.rollInterval = 0", "a1.sinks.k1.sink.batchSize = 100"));
    for (String extra : extraLines) {
      String key = extra.substring(0, extra.indexOf('=')).trim();
      lines.removeIf(line -> line.startsWith(key + " ="));
      lines.add(extra);
    }
    Files.createDirectories(dir.resolve("out"));
    return Files.writeString(dir.resolve("a1.conf"), String.join("\n", lines) + "\n");
  }

  private AgentProcess start(LabAgents agents, Path job) {
    return agents.start("a1", job, "--plugins-path", PLUGINS.toAbsolutePath().toString());
  }

  /** The last id the status file records. */
  private String position() throws IOException {
    Matcher m = LAST_INDEX.matcher(Files.readString(dir.resolve("status/r1.status")));
    return m.find() ? m.group(1) : "none";
  }

  private List<String> received() {
    return RolledLines.read(dir.resolve("out"));
  }

  /** Waits until the source's status file says row i was sent: a cheap look while rows stream. */
  private void awaitSent(int i, String when) {
    Path status = dir.resolve("status/r1.status");
    Awaitility.await(when).atMost(STEP).pollInterval(Duration.ofMillis(10))
        .ignoreExceptions().until(() -> {
          Matcher m = LAST_INDEX.matcher(Files.readString(status));
          return m.find() && Long.parseLong(m.group(1)) >= TestRows.id(i);
        });
  }

  private void awaitReceived(int atLeast, String when) {
    Awaitility.await(when).atMost(STEP).pollInterval(Duration.ofMillis(250))
        .until(() -> received().size() >= atLeast);
  }

  @Test
  void hundredThousandRowsArriveOnceInOrderAcrossAgentAndDatabaseRestarts(LabAgents agents,
      MysqlService mysql, DataSource db) throws Exception {
    assertThat(PLUGINS.resolve("mariadb/libext").toFile().list())
        .as("the driver is in plugins.d, as a user ships it").isNotEmpty();
    assertThatThrownBy(() -> Class.forName("org.mariadb.jdbc.Driver"))
        .as("and on no class path of the test, whose class path the agents get")
        .isInstanceOf(ClassNotFoundException.class);
    long begin = System.nanoTime();
    TestRows rows = new TestRows(db, "orders");
    rows.create();
    rows.insert(1, 40_000);
    AgentProcess a1 = start(agents, job("orders"));

    // 1: SIGTERM while rows stream; the stop ends the batch in hand and the status file holds
    awaitSent(10_000, "row 10,000 sent");
    assertThat(a1.stop()).isZero();
    String atFirstStop = position();
    a1.restart();

    // rows inserted while the agent runs arrive too
    rows.insert(40_001, 70_000);

    // the database restarts under the streaming source: it reconnects and reads on
    awaitSent(45_000, "row 45,000 sent before the database restart");
    String atDatabaseRestart = position();
    mysql.restart();
    a1.awaitLine(line -> line.contains("connected to jdbc:mariadb://hadoop102:3306/mysqlsource "
        + "again"), "the source's reconnection", STEP);

    // 2: SIGKILL once it caught up: no stop, no flush; the status file and channel recover
    awaitReceived(70_000, "all 70,000 rows before the kill");
    assertThat(a1.kill()).isNotZero();
    rows.insert(70_001, 100_000);
    a1.restart();

    // 3: SIGTERM while rows stream, again
    awaitSent(85_000, "row 85,000 sent before the last stop");
    assertThat(a1.stop()).isZero();
    String atLastStop = position();
    a1.restart();

    awaitReceived(100_000, "all 100,000 rows");
    List<String> received = received();
    long millis = (System.nanoTime() - begin) / 1_000_000;
    System.out.printf("jdbc source IT: 100,000 rows (last id %d), stops after id %s and %s, "
        + "database restart after id %s, kill after id %d: %.1f s%n", TestRows.id(100_000),
        atFirstStop, atLastStop, atDatabaseRestart, TestRows.id(70_000), millis / 1000.0);

    assertThat(received).as("each row exactly once, in id order").hasSize(100_000)
        .isEqualTo(TestRows.lines(1, 100_000));
    assertThat(Files.readString(dir.resolve("status/r1.status")))
        .contains("\"LastIndex\":\"" + TestRows.id(100_000) + "\"");
    assertThat(a1.outputText()).doesNotContain("password = " + MysqlService.PASSWORD)
        .doesNotContain(MysqlService.USER + ":" + MysqlService.PASSWORD);
    assertThat(a1.stop()).isZero();
  }

  /**
   * A SIGKILL while rows stream may land between a commit and the write that records it: the
   * source's batch that was in the channel but not in the status file is read again, and the
   * sink's batch that was written but not taken is delivered again. Nothing is lost and the order
   * holds; the duplicates are those two batches at most, shown here rather than hidden.
   */
  @Test
  void aKillWhileRowsStreamLosesNothingAndRepeatsAtMostTheBatchesInFlight(LabAgents agents,
      DataSource db) throws Exception {
    TestRows rows = new TestRows(db, "streamed");
    rows.create();
    rows.insert(1, 20_000);
    AgentProcess a1 = start(agents, job("streamed"));
    awaitSent(5_000, "row 5,000 sent before the kill");
    assertThat(a1.kill()).isNotZero();
    String atKill = position();
    a1.restart();
    Awaitility.await("all 20,000 rows").atMost(STEP).pollInterval(Duration.ofMillis(250))
        .until(() -> new HashSet<>(received()).size() >= 20_000);

    List<String> received = received();
    Set<String> seen = new HashSet<>();
    List<String> firsts = received.stream().filter(seen::add).toList();
    int repeated = received.size() - firsts.size();
    System.out.printf("jdbc source IT: killed after id %s of %d; %d rows were repeated%n",
        atKill, TestRows.id(20_000), repeated);
    assertThat(firsts).as("every row, in id order").isEqualTo(TestRows.lines(1, 20_000));
    assertThat(repeated).as("repeated rows: one source batch and one sink batch at most")
        .isLessThanOrEqualTo(200);
    assertThat(a1.stop()).isZero();
  }

  /**
   * The course notes' URL and no driver class: the source takes the driver registered on the
   * agent's class path that accepts jdbc:mysql:, MySQL Connector/J (MariaDB's driver in libext
   * does not take that scheme).
   */
  @Test
  void theNotesUrlWithoutADriverClassFindsConnectorJ(LabAgents agents, DataSource db)
      throws Exception {
    TestRows rows = new TestRows(db, "student");
    rows.create();
    rows.insert(1, 1_000);
    AgentProcess a1 = start(agents, job("student",
        "a1.sources.r1.hibernate.connection.url = jdbc:mysql://hadoop102:3306/mysqlsource"
            + "?useUnicode=true&characterEncoding=utf-8",
        "a1.sources.r1.hibernate.connection.driver_class ="));
    awaitReceived(1_000, "the 1,000 rows");
    a1.awaitLine(line -> line.contains("with com.mysql.cj.jdbc.Driver"), "the driver's name",
        Duration.ofSeconds(10));
    assertThat(received()).isEqualTo(TestRows.lines(1, 1_000));
    assertThat(a1.stop()).isZero();
  }

  @Test
  void aTableNameWithSqlInItIsRefusedAtItsLineAndNothingRuns(LabAgents agents, DataSource db)
      throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS x (id INT PRIMARY KEY)");
    }
    Path job = job("t; DROP TABLE x");
    assertThatThrownBy(() -> start(agents, job)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("a1.sources.r1.table")
        .hasMessageContaining("'t; DROP TABLE x' is not a table name");
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet tables = s.executeQuery("SHOW TABLES LIKE 'x'")) {
      assertThat(tables.next()).as("table x is still there").isTrue();
    }
  }

  @Test
  void aWrongPasswordIsReportedWithoutThePassword(LabAgents agents, DataSource db)
      throws Exception {
    new TestRows(db, "guarded").create();
    String wrong = "Not-The-Pa55word";
    Path job = job("guarded", "a1.sources.r1.hibernate.connection.password = " + wrong);
    AgentProcess a1 = start(agents, job);
    String line = a1.awaitLine(l -> l.contains("cannot connect to"), "the connection error",
        Duration.ofSeconds(30));
    assertThat(line).contains("jdbc:mariadb://hadoop102:3306/mysqlsource")
        .contains("Access denied for user 'root'");
    assertThat(a1.outputText()).doesNotContain(wrong);
    assertThat(a1.stop()).isZero();
  }
}
