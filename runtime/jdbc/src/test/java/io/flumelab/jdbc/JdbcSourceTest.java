package io.flumelab.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.FlumeException;
import io.flumelab.api.PollableSource.Status;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.spi.ComponentLookup;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jdbc source against H2 (a real database, in process) and a real memory channel. */
class JdbcSourceTest {

  @TempDir
  Path dir;

  private String url;
  private Connection db;
  private MemoryChannel channel;
  private final List<JdbcSource> sources = new ArrayList<>();
  private ComponentLookup lookup;

  @BeforeEach
  void createTable() throws SQLException {
    url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=MySQL";
    db = DriverManager.getConnection(url, "sa", "");
    sql("CREATE TABLE student (id INT PRIMARY KEY, name VARCHAR(32), note VARCHAR(32))");
    channel(1000);
  }

  @AfterEach
  void stop() throws SQLException {
    sources.forEach(JdbcSource::stop);
    channel.stop();
    db.close();
  }

  private void channel(int capacity) {
    channel = new MemoryChannel();
    channel.setName("c1");
    channel.configure(new Context(Map.of("capacity", String.valueOf(capacity),
        "transactionCapacity", String.valueOf(Math.min(100, capacity)), "keep-alive", "0")));
    channel.start();
  }

  private void sql(String statement) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(statement);
    }
  }

  private JdbcSource source(String... keyValues) {
    Map<String, String> keys = new HashMap<>(Map.of("hibernate.connection.url", url,
        "hibernate.connection.user", "sa", "hibernate.connection.password", "",
        "table", "student", "incremental.column.name", "id", "status.file.path",
        dir.resolve("status").toString(), "status.file.name", "r1.status",
        "run.query.delay", "0", "batch.size", "3"));
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] == null) {
        keys.remove(keyValues[i]);
      } else {
        keys.put(keyValues[i], keyValues[i + 1]);
      }
    }
    JdbcSource source = new JdbcSource();
    source.setName("r1");
    if (lookup != null) {
      source.setComponentLookup(lookup);
    }
    source.configure(new Context(keys));
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    selector.configure(new Context(Map.of()));
    DefaultChannelProcessor processor = new DefaultChannelProcessor(selector, List.of());
    processor.initialize();
    source.setChannelProcessor(processor);
    source.start();
    sources.add(source);
    return source;
  }

  /** Everything the channel holds, taken in transactions that fit its transactionCapacity. */
  private List<String> drain() {
    List<String> bodies = new ArrayList<>();
    int taken;
    do {
      taken = 0;
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (Event e; taken < 4 && (e = channel.take()) != null; taken++) {
        bodies.add(new String(e.getBody(), StandardCharsets.UTF_8));
      }
      tx.commit();
      tx.close();
    } while (taken == 4);
    return bodies;
  }

  private String lastIndex() throws Exception {
    return new StatusFile(dir.resolve("status/r1.status")).read().orElseThrow().get("LastIndex");
  }

  @Test
  void rowsWithGapsChineseTextAndNullsArriveOnceInIdOrder() throws Exception {
    sql("INSERT INTO student VALUES (9, '王五', NULL), (1, 'zhangsan', ''), (5, '李四', 'a,b')");
    JdbcSource source = source();
    assertThat(source.process()).isEqualTo(Status.READY);
    assertThat(source.process()).isEqualTo(Status.READY);
    assertThat(drain()).containsExactly("\"1\",\"zhangsan\",\"\"", "\"5\",\"李四\",\"a,b\"",
        "\"9\",\"王五\",");
    assertThat(lastIndex()).isEqualTo("9");
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(3);
  }

  @Test
  void aRestartedSourceReadsOnlyRowsAfterTheLastValueWritten() throws Exception {
    sql("INSERT INTO student VALUES (1, 'a', NULL), (2, 'b', NULL)");
    JdbcSource first = source();
    first.process();
    first.stop();
    sources.remove(first);
    assertThat(drain()).hasSize(2);
    sql("INSERT INTO student VALUES (7, 'c', NULL), (100, 'd', NULL)");
    JdbcSource second = source("columns.to.select", "name, id");
    second.process();
    assertThat(drain()).containsExactly("\"c\",\"7\"", "\"d\",\"100\"");
    assertThat(lastIndex()).isEqualTo("100");
  }

  @Test
  void aBatchTheChannelRefusesIsReadAgainAndThePositionWaitsForTheCommit() throws Exception {
    channel.stop();
    channel(4);
    for (int id = 1; id <= 10; id++) {
      sql("INSERT INTO student VALUES (" + id * 3 + ", 'n" + id + "', NULL)");
    }
    JdbcSource source = source();
    assertThat(source.process()).isEqualTo(Status.BACKOFF);
    assertThat(lastIndex()).as("only the first batch of 3 fit").isEqualTo("9");
    assertThat(source.getCounter().getChannelWriteFail()).isEqualTo(1);
    List<String> received = new ArrayList<>(drain());
    for (int poll = 0; poll < 10 && received.size() < 10; poll++) {
      source.process();
      received.addAll(drain());
    }
    assertThat(received).extracting(line -> line.split(",")[0])
        .containsExactly("\"3\"", "\"6\"", "\"9\"", "\"12\"", "\"15\"", "\"18\"", "\"21\"",
            "\"24\"", "\"27\"", "\"30\"");
    assertThat(lastIndex()).isEqualTo("30");
  }

  @Test
  void maxRowsLimitsAPollAndTheNextPollGoesOn() throws Exception {
    for (int id = 1; id <= 7; id++) {
      sql("INSERT INTO student VALUES (" + id + ", 'n', NULL)");
    }
    JdbcSource source = source("max.rows", "5", "enclose.by.quotes", "false", "delimiter.entry",
        "|");
    source.process();
    assertThat(drain()).hasSize(5).startsWith("1|n|");
    source.process();
    assertThat(drain()).containsExactly("6|n|", "7|n|");
  }

  @Test
  void aCustomQueryGetsTheLastValueAsAParameter() throws Exception {
    sql("INSERT INTO student VALUES (1, 'a', NULL), (2, 'b', 'x'), (3, 'c', 'y')");
    JdbcSource source = source("table", null, "incremental.column.name", null, "custom.query",
        "SELECT id, UPPER(name) FROM student WHERE id > $@$ ORDER BY id", "start.from", "1");
    source.process();
    assertThat(drain()).containsExactly("\"2\",\"B\"", "\"3\",\"C\"");
    assertThat(lastIndex()).isEqualTo("3");
  }

  @Test
  void aStartValueIsBoundNotPastedIn() throws Exception {
    sql("INSERT INTO student VALUES (1, 'a', NULL)");
    JdbcSource source = source("table", null, "incremental.column.name", null, "custom.query",
        "SELECT id, name FROM student WHERE name > '$@$' ORDER BY name",
        "start.from", "' OR '1'='1");
    source.process();
    // bound, the text compares as a string: 'a' > "' OR '1'='1" is true in any collation
    assertThat(drain()).containsExactly("\"1\",\"a\"");
    assertThat(lastIndex()).isEqualTo("1");
  }

  @Test
  void withoutAnIncrementalColumnRowsAreCountedAsThePluginDoes() throws Exception {
    sql("INSERT INTO student VALUES (1, 'a', NULL), (2, 'b', NULL)");
    JdbcSource source = source("incremental.column.name", null, "columns.to.select", "name");
    source.process();
    sql("INSERT INTO student VALUES (3, 'c', NULL)");
    source.process();
    assertThat(drain()).containsExactly("\"a\"", "\"b\"", "\"c\"");
    assertThat(lastIndex()).isEqualTo("3");
  }

  @Test
  void aStatusFileOfAnotherTableIsRefusedAtStart() throws Exception {
    Files.createDirectories(dir.resolve("status"));
    Files.writeString(dir.resolve("status/r1.status"), "{\"SourceName\":\"r1\",\"URL\":\"" + url
        + "\",\"Table\":\"teacher\",\"LastIndex\":\"50\"}");
    assertThatThrownBy(this::source).isInstanceOf(FlumeException.class)
        .hasMessageContaining("r1.status was written for Table teacher, not student")
        .hasMessageContaining("Set status.file.name to a new file");
  }

  @Test
  void theSourceReconnectsAfterTheDatabaseWentAway() throws Exception {
    sql("INSERT INTO student VALUES (1, 'a', NULL)");
    JdbcSource source = source();
    source.process();
    sql("SHUTDOWN");
    db = DriverManager.getConnection(url, "sa", "");
    sql("INSERT INTO student VALUES (2, 'b', NULL)");
    assertThat(source.process()).as("the old connection is gone").isEqualTo(Status.BACKOFF);
    assertThat(source.getCounter().getOpenConnectionCount()).isZero();
    assertThat(source.process()).isEqualTo(Status.READY);
    assertThat(drain()).containsExactly("\"1\",\"a\",", "\"2\",\"b\",");
  }

  /**
   * A driver in a plugin's libext lives in a class loader of its own, which DriverManager would
   * refuse; the source loads it through the agent's lookup and calls it directly.
   */
  @Test
  void aDriverOnlyThePluginLoaderSeesIsUsed() throws Exception {
    sql("INSERT INTO student VALUES (1, 'a', NULL)");
    URL h2Jar = org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader libext = new URLClassLoader(new URL[] {h2Jar},
        ClassLoader.getPlatformClassLoader())) {
      assertThat(libext.loadClass("org.h2.Driver")).isNotSameAs(org.h2.Driver.class);
      lookup = new ComponentLookup() {
        @Override
        public <T> T create(Class<T> api, String className, String key) {
          throw new UnsupportedOperationException("the jdbc source creates no component");
        }

        @Override
        public ClassLoader pluginLibraries() {
          return libext;
        }
      };
      db.close();
      JdbcSource source = source("hibernate.connection.driver_class", "org.h2.Driver");
      assertThat(source.process()).isEqualTo(Status.READY);
      assertThat(drain()).containsExactly("\"1\",\"a\",");
      source.stop();
      sources.remove(source);
      db = DriverManager.getConnection(url, "sa", "");
    }
  }

  @Test
  void anEmptyDriverClassMeansTheRegisteredDriverThatAcceptsTheUrl() throws Exception {
    sql("INSERT INTO student VALUES (1, 'a', NULL)");
    JdbcSource source = source("hibernate.connection.driver_class", " ");
    assertThat(source.process()).isEqualTo(Status.READY);
    assertThat(drain()).containsExactly("\"1\",\"a\",");
  }

  @Test
  void aMissingDriverOrAWrongPasswordIsABackoffNotACrash() {
    JdbcSource missing = source("hibernate.connection.driver_class", "com.example.NoSuchDriver");
    assertThat(missing.process()).isEqualTo(Status.BACKOFF);
    JdbcSource wrong = source("hibernate.connection.password", "s3cr3t-pw", "status.file.name",
        "r2.status");
    assertThat(wrong.process()).isEqualTo(Status.BACKOFF);
    assertThat(wrong.redact(new SQLException("denied for sa using s3cr3t-pw")))
        .isEqualTo("SQLException: denied for sa using ***");
  }
}
