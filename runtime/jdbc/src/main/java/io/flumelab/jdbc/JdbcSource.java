package io.flumelab.jdbc;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.FlumeException;
import io.flumelab.api.PollableSource;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentLookup;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
import io.flumelab.core.spi.LooksUpComponents;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.spi.ThrottledLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a database table (or a query) and sends each new row as an event whose body is the row as
 * a line of CSV. The keys are those of the flume-ng-sql-source plugin, whose class name is an alias
 * of this type, so a configuration written for the plugin runs here.
 *
 * <p>Each batch of rows is one channel transaction; only after the channels committed it does the
 * source move its position (the last value of the incremental column) on and write it to the
 * status file. A batch the channels refuse is read again from the database at the next poll, so a
 * row reaches the channel once, except when the agent dies between a commit and the status file's
 * rename (the rows of that one batch are sent again after the restart).
 *
 * <p>The connection is opened at the first poll, through the driver class itself (from the
 * agent's class path or a plugin's {@code libext}), and opened again, with a growing pause, after
 * the database went away. The password is never logged.
 */
public class JdbcSource extends CountedSource
    implements PollableSource, Configurable, BatchSizeSupported, LooksUpComponents {

  static final Setting<String> URL = Setting.string("hibernate.connection.url")
      .alias("connection.url").required("jdbc:mariadb://hadoop102:3306/mysqlsource")
      .check(new Check<>("jdbc:...", value -> value.trim().startsWith("jdbc:"),
          value -> "is not a JDBC URL (they start with jdbc:)",
          "Write the driver's URL, e.g. jdbc:mariadb://hadoop102:3306/mysqlsource."))
      .doc("the database's JDBC URL");
  static final Setting<String> USER = Setting.string("hibernate.connection.user")
      .alias("connection.user").alias("user").doc("the database user");
  static final Setting<String> PASSWORD = Setting.string("hibernate.connection.password")
      .alias("connection.password").alias("password")
      .doc("the user's password; never logged nor shown by check");
  static final Setting<String> DRIVER_CLASS = Setting.string("hibernate.connection.driver_class")
      .alias("connection.driver_class")
      .doc("the JDBC driver class, from the class path or plugins.d libext; unset: the driver "
          + "registered there that accepts the URL");
  static final Setting<String> TABLE = Setting.string("table")
      .check(Identifiers.name("a table name", "student or mysqlsource.student"))
      .doc("the table to read (or custom.query)");
  static final Setting<String> COLUMNS = Setting.string("columns.to.select").defaultValue("*")
      .check(Identifiers.columnList()).doc("the columns of table that make an event, in order");
  static final Setting<String> INCREMENTAL_COLUMN = Setting.string("incremental.column.name")
      .check(Identifiers.name("a column name", "id"))
      .doc("a column whose value grows with each new row (an auto-increment id): rows are read in "
          + "its order, after the last value sent; unset: rows are counted (the plugin's way)");
  static final Setting<String> CUSTOM_QUERY = Setting.string("custom.query")
      .check(CustomQuery.oneStatement())
      .doc("a SELECT to run instead of reading table; $@$ stands for the last value (bound as a "
          + "parameter); the value is taken from incremental.column.name, else the first column");
  static final Setting<String> START_FROM = Setting.string("start.from").defaultValue("0")
      .doc("the value before the first row to read, while there is no status file");
  static final Setting<Long> RUN_QUERY_DELAY = Setting.millis("run.query.delay")
      .defaultValue(10000L).doc("the pause after a poll that found fewer than max.rows rows");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("batch.size").defaultValue(100)
      .check(Check.atLeast(1)).doc("rows per channel transaction");
  static final Setting<Integer> MAX_ROWS = Setting.integer("max.rows").defaultValue(10000)
      .check(Check.atLeast(0)).doc("the most rows one poll reads; 0: no limit");
  static final Setting<String> STATUS_FILE_PATH = Setting.string("status.file.path")
      .defaultValue("/var/lib/flume").doc("the directory of the status file");
  static final Setting<String> STATUS_FILE_NAME = Setting.string("status.file.name")
      .required("sql-source.status")
      .check(new Check<>("a file name", value -> !value.contains("/") && !value.isBlank(),
          value -> "'" + value + "' is not a file name (the directory is status.file.path)",
          "Write a name such as sql-source.status and the directory in status.file.path."))
      .doc("the file, in status.file.path, that keeps the last value sent (JSON)");
  static final Setting<String> DELIMITER = Setting.string("delimiter.entry").defaultValue(",")
      .check(new Check<>("one character", value -> value.length() == 1,
          value -> "'" + value + "' is not one character", "Write one character such as , or |."))
      .doc("the character between the values of a row");
  static final Setting<Boolean> ENCLOSE_BY_QUOTES = Setting.bool("enclose.by.quotes")
      .defaultValue(true).doc("put every value in double quotes (NULL stays an empty field)");
  static final Setting<Boolean> READ_ONLY = Setting.bool("read.only").defaultValue(false)
      .doc("open the connection read-only");
  static final Setting<Long> BACKOFF_SLEEP_INCREMENT = Setting.millis("backoffSleepIncrement")
      .defaultValue(1000L).doc("the pause after a failed poll (the database away), growing by "
          + "this much each time");
  static final Setting<Long> MAX_BACKOFF_SLEEP = Setting.millis("maxBackoffSleep")
      .defaultValue(5000L).doc("the longest pause between attempts to reach the database");

  /** The plugin's other keys (dialect, pool settings) configure Hibernate, which is not used. */
  static final String HIBERNATE_PREFIX = "hibernate.";

  public static final ComponentSpec SPEC = ComponentSpec.builder(SOURCE, "jdbc", JdbcSource.class)
      .flumeClass("org.keedio.flume.source.SQLSource")
      .settings(URL, USER, PASSWORD, DRIVER_CLASS, TABLE, COLUMNS, INCREMENTAL_COLUMN, CUSTOM_QUERY,
          START_FROM, RUN_QUERY_DELAY, MAX_ROWS, STATUS_FILE_PATH, STATUS_FILE_NAME, DELIMITER,
          ENCLOSE_BY_QUOTES, READ_ONLY, BACKOFF_SLEEP_INCREMENT, MAX_BACKOFF_SLEEP)
      .batch(BATCH_SIZE)
      .passThrough(HIBERNATE_PREFIX)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(JdbcSource.class);
  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");

  private final ThrottledLog throttled = new ThrottledLog(LOG);
  private ComponentLookup lookup;

  private String url;
  private String password;
  private String table;
  private String columns;
  private String incrementalColumn;
  private String customQuery;
  private String startFrom;
  private long runQueryDelay;
  private int batchSize = BATCH_SIZE.defaultValue();
  private int maxRows;
  private boolean readOnly;
  private long backoffSleepIncrement = BACKOFF_SLEEP_INCREMENT.defaultValue();
  private long maxBackoffSleep = MAX_BACKOFF_SLEEP.defaultValue();
  private RowQuery query;
  private RowFormat format;
  private StatusFile statusFile;
  private DriverConnector connector;
  private boolean configured;
  private boolean running;

  /** Only the runner's thread touches these once started. */
  private Connection connection;
  private String position;
  private int failedAttempts;
  private boolean connectedBefore;

  @Override
  public void setComponentLookup(ComponentLookup lookup) {
    this.lookup = lookup;
  }

  @Override
  protected String describe() {
    return "Jdbc source " + getName();
  }

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    url = settings.get(URL).trim();
    String user = blankToNull(settings.get(USER));
    password = settings.get(PASSWORD);
    // an empty driver_class (a template's placeholder) means: find the driver for the URL
    String driverClass = blankToNull(settings.get(DRIVER_CLASS));
    table = blankToNull(settings.get(TABLE));
    columns = settings.get(COLUMNS).trim();
    incrementalColumn = blankToNull(settings.get(INCREMENTAL_COLUMN));
    customQuery = blankToNull(settings.get(CUSTOM_QUERY));
    startFrom = settings.get(START_FROM).trim();
    runQueryDelay = settings.get(RUN_QUERY_DELAY);
    batchSize = settings.get(BATCH_SIZE);
    maxRows = settings.get(MAX_ROWS);
    Path directory = Path.of(settings.get(STATUS_FILE_PATH).trim());
    statusFile = new StatusFile(directory.resolve(settings.get(STATUS_FILE_NAME).trim()));
    format = new RowFormat(settings.get(DELIMITER).charAt(0), settings.get(ENCLOSE_BY_QUOTES));
    readOnly = settings.get(READ_ONLY);
    backoffSleepIncrement = settings.get(BACKOFF_SLEEP_INCREMENT);
    maxBackoffSleep = settings.get(MAX_BACKOFF_SLEEP);

    if (customQuery != null) {
      query = RowQuery.custom(customQuery, incrementalColumn, maxRows);
      if (CustomQuery.marks(customQuery) == 0) {
        LOG.warn("{}: custom.query has no $@$, so every poll reads the same rows again; write "
            + "WHERE id > $@$ ORDER BY id (with your incremental column)", describe());
      }
    } else if (table != null) {
      requireIncrementalColumnSelected();
      query = RowQuery.table(table, columns, incrementalColumn, maxRows);
      if (query.countsRows() && !WHOLE_NUMBER.matcher(startFrom).matches()) {
        throw new ConfigurationException(START_FROM.key(), describe() + ": start.from '"
            + startFrom + "' is not a row count; without incremental.column.name the position is "
            + "the number of rows read", "Set start.from to 0, or set incremental.column.name.");
      }
    } else {
      throw new ConfigurationException(TABLE.key(), describe() + " needs table (with "
          + "incremental.column.name) or custom.query", "Add table = student and "
          + "incremental.column.name = id.");
    }
    List<String> ignored = settings.under(HIBERNATE_PREFIX).keySet().stream()
        .map(key -> HIBERNATE_PREFIX + key)
        .filter(key -> SPEC.setting(key).isEmpty()).sorted().toList();
    if (!ignored.isEmpty()) {
      LOG.info("{}: {} configure Hibernate in the plugin and are not used here (this source "
          + "connects through JDBC itself)", describe(), ignored);
    }
    ClassLoader loader = lookup != null ? lookup.pluginLibraries()
        : Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
            JdbcSource.class.getClassLoader());
    connector = new DriverConnector(url, user, password, driverClass, loader);
    configured = true;
  }

  /** With named columns, the incremental column must be one of them: its value is the position. */
  private void requireIncrementalColumnSelected() {
    if (incrementalColumn == null || columns.equals("*")) {
      return;
    }
    String wanted = Identifiers.unqualified(incrementalColumn);
    boolean selected = Identifiers.columns(columns).stream()
        .anyMatch(c -> c.endsWith("*") || Identifiers.unqualified(c).equalsIgnoreCase(wanted));
    if (!selected) {
      throw new ConfigurationException(COLUMNS.key(), describe() + ": columns.to.select ("
          + columns + ") leaves out incremental.column.name (" + incrementalColumn + "), whose "
          + "value is the position", "Add " + incrementalColumn + " to columns.to.select.");
    }
  }

  @Override
  public long getBatchSize() {
    return batchSize;
  }

  @Override
  public long getBackOffSleepIncrement() {
    return backoffSleepIncrement;
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return maxBackoffSleep;
  }

  @Override
  public synchronized void start() {
    requireStartable(running, configured);
    position = readPosition();
    super.start();
    running = true;
    LOG.info("{} started: {} as {}, from {} {} (status file {})", describe(),
        JdbcUrls.masked(url), query.sql(), query.countsRows() ? "row" : "after", position,
        statusFile.path());
  }

  /** The position the status file holds, after checking it belongs to this source and query. */
  private String readPosition() {
    Map<String, String> fields;
    try {
      Files.createDirectories(statusFile.path().toAbsolutePath().getParent());
      fields = statusFile.read().orElse(null);
      if (fields == null) {
        statusFile.write(status(startFrom));
        return startFrom;
      }
    } catch (IOException e) {
      throw new FlumeException(describe() + ": cannot use the status file " + statusFile.path()
          + ": " + e.getMessage() + ". Fix its directory's permissions or set status.file.path, "
          + "or delete the file to start from start.from (rows are sent again)", e);
    }
    Map<String, String> expected = status(null);
    for (String field : List.of(StatusFile.SOURCE_NAME, StatusFile.URL, StatusFile.TABLE,
        StatusFile.QUERY, StatusFile.INCREMENTAL_COLUMN)) {
      String written = fields.get(field);
      if (written != null && !written.equals(expected.get(field))) {
        throw new FlumeException(describe() + ": the status file " + statusFile.path()
            + " was written for " + field + " " + written + ", not " + expected.get(field)
            + ", so its position (" + fields.get(StatusFile.LAST_INDEX) + ") is not this "
            + "source's. Set status.file.name to a new file (or delete this one) to start from "
            + "start.from, or restore the setting");
      }
    }
    String last = fields.get(StatusFile.LAST_INDEX);
    if (last == null || (query.countsRows() && !WHOLE_NUMBER.matcher(last).matches())) {
      throw new FlumeException(describe() + ": the status file " + statusFile.path()
          + " has no valid " + StatusFile.LAST_INDEX + ". Delete it to start from start.from "
          + "(rows are sent again), or write the last value sent into it");
    }
    return last;
  }

  private Map<String, String> status(String lastIndex) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(StatusFile.SOURCE_NAME, getName());
    fields.put(StatusFile.URL, JdbcUrls.masked(url));
    if (customQuery != null) {
      fields.put(StatusFile.QUERY, customQuery);
    } else {
      fields.put(StatusFile.TABLE, table);
      fields.put(StatusFile.COLUMNS, columns);
    }
    if (incrementalColumn != null) {
      fields.put(StatusFile.INCREMENTAL_COLUMN, incrementalColumn);
    }
    if (lastIndex != null) {
      fields.put(StatusFile.LAST_INDEX, lastIndex);
    }
    return fields;
  }

  @Override
  public synchronized void stop() {
    running = false;
    closeConnection();
    super.stop();
    LOG.info("{} stopped after {} {}", describe(), query.countsRows() ? "row" : "value", position);
  }

  @Override
  public Status process() {
    if (connection == null && !connect()) {
      return Status.BACKOFF;
    }
    int read;
    try {
      read = readNewRows();
    } catch (SQLException e) {
      getCounter().incrementEventReadFail();
      reportFailure(e);
      closeConnection();
      return Status.BACKOFF;
    } catch (ChannelException e) {
      getCounter().incrementChannelWriteFail();
      throttled.warn("{}: the channels refused a batch ({}); its rows are read again from after "
          + "{} at the next poll", describe(), e.getMessage(), position);
      return Status.BACKOFF;
    }
    if (maxRows == 0 || read < maxRows) {
      try {
        TimeUnit.MILLISECONDS.sleep(runQueryDelay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Status.BACKOFF;
      }
    }
    return Status.READY;
  }

  /** Sends the rows after the position, a batch per transaction; returns how many it read. */
  private int readNewRows() throws SQLException {
    int read = 0;
    try (PreparedStatement statement = query.prepare(connection, position);
        ResultSet rows = query.rowsAfter(statement, position)) {
      int columnCount = rows.getMetaData().getColumnCount();
      List<Event> batch = new ArrayList<>(batchSize);
      String batchEnd = position;
      List<String> values = new ArrayList<>(columnCount);
      while (rows.next()) {
        read++;
        values.clear();
        for (int i = 1; i <= columnCount; i++) {
          values.add(rows.getString(i));
        }
        batch.add(event(format.line(values)));
        batchEnd = query.positionAfter(rows, batchEnd);
        if (batch.size() == batchSize) {
          deliver(batch, batchEnd);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        deliver(batch, batchEnd);
      }
    }
    return read;
  }

  private static Event event(String line) {
    Event event = EventBuilder.withBody(line.getBytes(StandardCharsets.UTF_8));
    event.getHeaders().put("timestamp", Long.toString(System.currentTimeMillis()));
    return event;
  }

  /**
   * One channel transaction; then, and only then, the position moves on and is written. A refusal
   * throws ChannelException with the position unchanged.
   */
  private void deliver(List<Event> batch, String batchEnd) {
    SourceCounter counter = getCounter();
    counter.addToEventReceivedCount(batch.size());
    counter.incrementAppendBatchReceivedCount();
    getChannelProcessor().processEventBatch(batch);
    counter.addToEventAcceptedCount(batch.size());
    counter.incrementAppendBatchAcceptedCount();
    position = batchEnd;
    try {
      statusFile.write(status(position));
    } catch (IOException e) {
      // the rows are in the channel; a crash before the next write sends them again
      throttled.warn("{}: cannot write the status file {}: {}; after a restart the rows after the "
          + "last value written are sent again", describe(), statusFile.path(), e.toString());
    }
  }

  private boolean connect() {
    try {
      Connection opened = connector.connect();
      try {
        opened.setReadOnly(readOnly);
        opened.setAutoCommit(true);
      } catch (SQLException e) {
        opened.close();
        throw e;
      }
      connection = opened;
      getCounter().setOpenConnectionCount(1);
      if (connectedBefore) {
        LOG.info("{}: connected to {} again ({} failed attempts); reading after {}",
            describe(), JdbcUrls.masked(url), failedAttempts, position);
      } else {
        LOG.info("{}: connected to {} with {}", describe(), JdbcUrls.masked(url),
            connector.driverName());
      }
      failedAttempts = 0;
      connectedBefore = true;
      return true;
    } catch (DriverConnector.DriverMissing e) {
      failedAttempts++;
      throttled.warn("{}: {}. {}", describe(), e.getMessage(), e.fix());
      return false;
    } catch (SQLException e) {
      failedAttempts++;
      if (failedAttempts == 1) {
        LOG.error("{}: cannot connect to {}: {}; trying again with a growing pause (at most {} "
            + "ms)", describe(), JdbcUrls.masked(url), redact(e), maxBackoffSleep);
      } else {
        throttled.warn("{}: still cannot connect to {} ({} attempts): {}", describe(),
            JdbcUrls.masked(url), failedAttempts, redact(e));
      }
      return false;
    }
  }

  private void reportFailure(SQLException e) {
    if (isConnectionLost(e)) {
      LOG.warn("{}: lost the connection to {}: {}; reconnecting with a growing pause; rows after "
          + "{} are read again", describe(), JdbcUrls.masked(url), redact(e), position);
    } else {
      throttled.warn("{}: the query failed: {} (SQL: {}, last value {}); trying again with a "
          + "growing pause", describe(), redact(e), query.sql(), position);
    }
  }

  private boolean isConnectionLost(SQLException e) {
    String state = e.getSQLState();
    if (e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
        || e instanceof SQLTransientConnectionException || (state != null && state.startsWith("08"))) {
      return true;
    }
    try {
      return connection == null || !connection.isValid(2);
    } catch (SQLException notValid) {
      return true;
    }
  }

  /** A driver's message with the password, should a driver ever echo it, replaced by ***. */
  String redact(Exception e) {
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (password != null && !password.isEmpty()) {
      message = message.replace(password, "***");
    }
    return JdbcUrls.masked(message);
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("{}: closing the connection: {}", describe(), redact(e));
      }
      connection = null;
      getCounter().setOpenConnectionCount(0);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
