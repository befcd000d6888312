package io.flumelab.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rows per second of the jdbc source: jdbc → memory → null in an agent JVM of its own, reading a
 * table of the course's MariaDB that holds the warm-up rows and the measured rows before the agent
 * starts. A run is timed from the moment the channel gave the sink the warm-up rows until it gave
 * it all of them, so the figure is the source's steady reading rate (database, driver, CSV
 * formatting, channel transactions and status file writes), not the inserts. Beside rows/s it
 * prints the agent's CPU time per row, and MariaDB's when its pid is given.
 *
 * <pre>
 * bin/flumelab up --only mysql &amp;                          # wait for: bin/flumelab status
 * ./mvnw -o -q -pl runtime/launcher,runtime/benchmarks -am package -DskipTests
 * java -Djdk.net.hosts.file=$HOME/.flumelab/conf/hosts \
 *   -cp "runtime/benchmarks/target/classes:runtime/launcher/target/classes:runtime/launcher/target/lib/*:$MARIADB_JAR" \
 *   io.flumelab.benchmarks.JdbcThroughput [rows] [warm-up] [runs] [batch.size] [mariadbd pid]
 * </pre>
 *
 * The agent runs on this JVM's class path, so the driver jar given there is on the agent's (a
 * deployment puts it in plugins.d libext instead; the driver is loaded the same way).
 */
public final class JdbcThroughput {

  private static final String URL = "jdbc:mariadb://hadoop102:3306/mysqlsource";
  private static final String USER = "root";
  private static final String PASSWORD = "000000";
  private static final String TABLE = "bench_rows";
  private static final Duration STALLED = Duration.ofSeconds(30);

  private JdbcThroughput() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    Long databasePid = args.length > 4 ? Long.valueOf(args[4]) : null;
    List<String> lines = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      fill(warmUp + rows);
      String result = measure(rows, warmUp, batch, databasePid);
      System.out.println("run " + run + ": " + result);
      lines.add(result);
    }
    System.out.println("jdbc → memory → null, " + rows + " rows after " + warmUp
        + ", batch.size " + batch + ":");
    lines.forEach(System.out::println);
  }

  /** A new table of n rows like the acceptance test's: ids with gaps, Chinese text, NULLs. */
  private static void fill(int n) throws SQLException {
    long begin = System.nanoTime();
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute("CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, "
          + "note VARCHAR(64)) CHARACTER SET utf8mb4");
      c.setAutoCommit(false);
      for (int from = 1; from <= n; from += 1000) {
        int to = Math.min(n, from + 999);
        StringBuilder sql = new StringBuilder("INSERT INTO " + TABLE + " VALUES ");
        for (int i = from; i <= to; i++) {
          sql.append(i == from ? "(?, ?, ?)" : ", (?, ?, ?)");
        }
        try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
          int p = 1;
          for (int i = from; i <= to; i++) {
            insert.setLong(p++, 3L * i + i % 3);
            insert.setString(p++, "用户" + i + " 北京");
            insert.setString(p++, i % 10 == 0 ? null : "note " + i);
          }
          insert.executeUpdate();
        }
        if (to % 50_000 == 0 || to == n) {
          c.commit();
        }
      }
    }
    System.out.printf(Locale.ROOT, "filled %,d rows in %.1f s%n", n,
        (System.nanoTime() - begin) / 1e9);
  }

  private static String measure(int rows, int warmUp, int batch, Long databasePid)
      throws Exception {
    String status = java.nio.file.Files.createTempDirectory("bench-jdbc").toString();
    String config = String.join("\n",
        "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
        "a1.sources.r1.type = jdbc",
        "a1.sources.r1.hibernate.connection.url = " + URL,
        "a1.sources.r1.hibernate.connection.user = " + USER,
        "a1.sources.r1.hibernate.connection.password = " + PASSWORD,
        "a1.sources.r1.table = " + TABLE, "a1.sources.r1.incremental.column.name = id",
        "a1.sources.r1.status.file.path = " + status,
        "a1.sources.r1.status.file.name = r1.status",
        "a1.sources.r1.batch.size = " + batch, "a1.sources.r1.max.rows = 10000",
        "a1.sources.r1.run.query.delay = 1000", "a1.sources.r1.channels = c1",
        "a1.channels.c1.type = memory", "a1.channels.c1.capacity = 100000",
        "a1.channels.c1.transactionCapacity = " + Math.max(1000, batch),
        "a1.sinks.k1.type = null", "a1.sinks.k1.batchSize = 1000", "a1.sinks.k1.channel = c1", "");
    try (AgentJvm agent = AgentJvm.start(AgentJvm.Kind.FLUMELAB, config, null)) {
      awaitTakes(agent, warmUp);
      long begin = System.nanoTime();
      Duration cpu0 = agent.cpu();
      Duration db0 = databaseCpu(databasePid);
      awaitTakes(agent, warmUp + (long) rows);
      double seconds = (System.nanoTime() - begin) / 1e9;
      double agentMicros = agent.cpu().minus(cpu0).toNanos() / 1e3 / rows;
      double dbMicros = databaseCpu(databasePid).minus(db0).toNanos() / 1e3 / rows;
      return String.format(Locale.ROOT, "%,.0f rows/s, agent CPU %.2f µs per row%s", rows / seconds,
          agentMicros, databasePid == null ? "" : String.format(Locale.ROOT,
              ", MariaDB CPU %.2f µs per row", dbMicros));
    }
  }

  private static Duration databaseCpu(Long pid) {
    return pid == null ? Duration.ZERO
        : ProcessHandle.of(pid).map(AgentJvm::cpuOf).orElse(Duration.ZERO);
  }

  private static void awaitTakes(AgentJvm agent, long count) throws InterruptedException {
    long last = -1;
    long lastChange = System.nanoTime();
    while (true) {
      long takes = agent.takes();
      if (takes >= count) {
        return;
      }
      if (takes != last) {
        last = takes;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > STALLED.toNanos() || !agent.isAlive()) {
        throw new IllegalStateException("the agent took nothing for " + STALLED.toSeconds()
            + " s at " + takes + " of " + count + " rows");
      }
      Thread.sleep(5);
    }
  }
}
