package io.flumelab.compat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.Context;
import io.flumelab.compat.it.PublishedPlugins.FlumeRelease;
import io.flumelab.compat.it.PublishedPlugins.Plugin;
import io.flumelab.core.agent.Agent;
import io.flumelab.core.monitor.HttpMetricsServer;
import io.flumelab.core.monitor.MetricsJson;
import io.flumelab.core.spi.MonitoredAgent;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acceptance for running published Flume plugins unchanged: keedio's flume-ng-sql-source
 * (org.keedio.flume.source.SQLSource, Apache-2.0), built from its unchanged source against
 * flume-ng-core 1.11.0 — and against 1.7.0, whose Context.getSubProperties returned Guava's
 * ImmutableMap — runs from plugins.d/sql-source with Hibernate, c3p0 and the H2 driver in its
 * libext, reading an H2 database served over TCP, into a memory channel and a file_roll sink.
 * These agents know the core's component types only (this module's class path has no other
 * runtime module), so the jdbc source, which answers to keedio's class name, is not among them.
 */
class KeedioSqlSourceIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectName COUNTER = objectName("org.apache.flume.source:type=SOURCESQL.r1");

  @TempDir
  Path dir;

  private Server database;
  private Connection connection;
  private String url;
  private Agent agent;

  @BeforeEach
  void database() throws SQLException {
    database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    url = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/mem:keedio-" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1";
    connection = DriverManager.getConnection(url, "flume", "secret");
    connection.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
  }

  @AfterEach
  void stop() throws SQLException {
    if (agent != null) {
      agent.stop(0);
    }
    connection.createStatement().execute("SHUTDOWN");
    connection.close();
    database.stop();
  }

  @ParameterizedTest
  @EnumSource(FlumeRelease.class)
  void everyRowArrivesOnceInOrderAcrossARestartWithItsCountersAndItsOwnClassLoader(
      FlumeRelease release) throws Exception {
    Path plugins = dir.resolve("plugins.d");
    PublishedPlugins.install(plugins, "sql-source", Plugin.KEEDIO_SQL_SOURCE, release);
    Path rolled = Files.createDirectories(dir.resolve("rolled"));
    insert(1, "first");
    insert(2, "中文，带标点");
    insert(5, null);
    insert(9, "a, with a comma");

    agent = Agents.start(config(rolled), plugins);

    await().atMost(WAIT).untilAsserted(() -> assertThat(Agents.rolledLines(rolled)).containsExactly(
        "\"1\",\"first\"", "\"2\",\"中文，带标点\"", "\"5\",\"\"", "\"9\",\"a, with a comma\""));

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    assertThat(server.isRegistered(COUNTER)).as("keedio's counter in JMX").isTrue();
    assertThat(server.getObjectInstance(COUNTER).getClassName())
        .isEqualTo("org.keedio.flume.metrics.SqlSourceCounter");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(server.getAttribute(COUNTER, "EventCount")).isEqualTo(4L));
    assertThat(server.getClassLoaderFor(COUNTER).getName())
        .as("the plugin's classes come from its own loader").isEqualTo("plugin:sql-source");
    assertThat(MetricsJson.of(agent.counters()))
        .contains("\"SOURCE.SOURCESQL.r1\":{").contains("\"EventCount\":\"4\"");
    assertThat(metricsOverHttp(agent, "/metrics")).contains("\"SOURCE.SOURCESQL.r1\":{");
    // keedio's own names, unknown to FlumeLab: mechanical names, untyped (nothing says they only grow)
    assertThat(metricsOverHttp(agent, "/metrics/prometheus")).contains(
        "# TYPE flume_source_event untyped\n"
            + "flume_source_event{agent=\"a1\",component=\"SOURCESQL.r1\",type=\"source\"} 4\n",
        "# TYPE flume_source_max_throughput untyped\n");
    ClassLoader system = ClassLoader.getSystemClassLoader();
    assertThatThrownBy(() -> system.loadClass("org.apache.flume.Context"))
        .as("no Flume class on this JVM's class path").isInstanceOf(ClassNotFoundException.class);

    agent.stop(0);
    agent = null;
    assertThat(Files.readString(dir.resolve("status").resolve("r1.status")))
        .as("keedio's status file keeps the last id read").contains("\"LastIndex\":\"9\"");
    insert(12, "after the restart");
    insert(40, "ＵＴＦ－８ full width");

    agent = Agents.start(config(rolled), plugins);

    await().atMost(WAIT).untilAsserted(() -> assertThat(Agents.rolledLines(rolled)).containsExactly(
        "\"1\",\"first\"", "\"2\",\"中文，带标点\"", "\"5\",\"\"", "\"9\",\"a, with a comma\"",
        "\"12\",\"after the restart\"", "\"40\",\"ＵＴＦ－８ full width\""));
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(server.getAttribute(COUNTER, "EventCount")).isEqualTo(2L));
  }

  /**
   * An agent's class path also has the jdbc source, which answers to keedio's class name so that
   * jobs written for the plugin run without it; a user who installed the plugin itself in
   * plugins.d must still get the plugin.
   */
  @Test
  void theJarInPluginsDIsTheSourceEvenWhereTheJdbcSourceAnswersToItsClassName() throws Exception {
    Path plugins = dir.resolve("plugins.d");
    PublishedPlugins.install(plugins, "sql-source", Plugin.KEEDIO_SQL_SOURCE, FlumeRelease.V1_11_0);
    Path rolled = Files.createDirectories(dir.resolve("rolled"));
    insert(3, "one row");
    Path jdbc = Path.of(System.getProperty("flumelab.test.jdbc"));
    try (URLClassLoader withJdbc = new URLClassLoader("agent-with-jdbc",
        new URL[] {jdbc.toUri().toURL()}, getClass().getClassLoader())) {
      assertThat(withJdbc.loadClass("io.flumelab.jdbc.JdbcSource")).isNotNull();

      agent = Agents.start(config(rolled), plugins, withJdbc);

      await().atMost(WAIT).untilAsserted(() -> assertThat(Agents.rolledLines(rolled))
          .containsExactly("\"3\",\"one row\""));
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      assertThat(server.isRegistered(COUNTER)).as("keedio's own counter: the plugin ran").isTrue();
      assertThat(server.getClassLoaderFor(COUNTER).getName()).isEqualTo("plugin:sql-source");
    }
  }

  private String config(Path rolled) {
    return """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = org.keedio.flume.source.SQLSource
        a1.sources.r1.channels = c1
        a1.sources.r1.hibernate.connection.url = %s
        a1.sources.r1.hibernate.connection.user = flume
        a1.sources.r1.hibernate.connection.password = secret
        a1.sources.r1.hibernate.connection.driver_class = org.h2.Driver
        a1.sources.r1.hibernate.dialect = org.hibernate.dialect.H2Dialect
        a1.sources.r1.hibernate.connection.provider_class = org.hibernate.connection.C3P0ConnectionProvider
        a1.sources.r1.hibernate.c3p0.min_size = 1
        a1.sources.r1.hibernate.c3p0.max_size = 2
        a1.sources.r1.custom.query = SELECT id, v FROM t WHERE id > $@$ ORDER BY id
        a1.sources.r1.batch.size = 3
        a1.sources.r1.run.query.delay = 200
        a1.sources.r1.status.file.path = %s
        a1.sources.r1.status.file.name = r1.status
        a1.channels.c1.type = memory
        a1.sinks.k1.type = file_roll
        a1.sinks.k1.channel = c1
        a1.sinks.k1.sink.directory = %s
        a1.sinks.k1.sink.rollInterval = 0
        a1.sinks.k1.sink.batchSize = 1
        """.formatted(url, dir.resolve("status"), rolled);
  }

  private void insert(int id, String value) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, value);
      insert.executeUpdate();
    }
  }

  private static String metricsOverHttp(Agent agent, String path) throws Exception {
    HttpMetricsServer http = new HttpMetricsServer();
    http.configure(new Context(Map.of("port", "0")));
    http.start(new MonitoredAgent("a1", Map.of()), agent::counters);
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + http.port() + path)).build(),
          BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    } finally {
      http.stop();
    }
  }

  private static ObjectName objectName(String name) {
    try {
      return new ObjectName(name);
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
