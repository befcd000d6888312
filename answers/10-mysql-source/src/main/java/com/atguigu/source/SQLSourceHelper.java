package com.atguigu.source;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * Lab 10, reference answer: everything one source instance says to the database. Its connection
 * is its own (no static state, so two sources never share one), every value travels as a bound
 * parameter, and the two names that cannot (table, columns) are checked to be plain identifiers
 * before any SQL is built from them.
 */
class SQLSourceHelper {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String url;
  private final String user;
  private final String password;
  private final String driverClass;
  private final String table;
  private final String selectSql;
  private final int maxRows;
  private final long startFrom;
  private final long runQueryDelay;
  private Connection connection;

  SQLSourceHelper(Context context) {
    url = required(context, "connection.url");
    user = required(context, "connection.user");
    password = context.getString("connection.password", "");
    driverClass = context.getString("connection.driver_class", "com.mysql.cj.jdbc.Driver");
    table = identifier("table", required(context, "table"));
    String columns = context.getString("columns.to.select", "*").trim();
    if (!columns.equals("*")) {
      List<String> quoted = new ArrayList<>();
      for (String column : columns.split("\\s*,\\s*")) {
        quoted.add("`" + identifier("columns.to.select", column) + "`");
      }
      columns = String.join(", ", quoted);
    }
    maxRows = context.getInteger("max.rows", 2000);
    startFrom = context.getLong("start.from", 0L);
    runQueryDelay = context.getLong("run.query.delay", 10000L);
    selectSql = "SELECT " + columns + " FROM `" + table + "` WHERE `id` > ? ORDER BY `id` LIMIT ?";
  }

  private static String required(Context context, String key) {
    String value = context.getString(key);
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(key + " is required");
    }
    return value.trim();
  }

  private static String identifier(String key, String value) {
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new ConfigurationException(key + " must be a plain name (letters, digits, _), not '"
          + value + "'");
    }
    return value;
  }

  long runQueryDelay() {
    return runQueryDelay;
  }

  /** The last id sent, from flume_meta, or start.from when this table has no row there yet. */
  long readOffset() throws SQLException {
    try (PreparedStatement query = connection().prepareStatement(
        "SELECT currentIndex FROM flume_meta WHERE source_tab = ?")) {
      query.setString(1, table);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Long.parseLong(row.getString(1)) : startFrom;
      }
    }
  }

  /** Up to max.rows rows after {@code offset}, each as its id and its line. */
  List<Row> rowsAfter(long offset) throws SQLException {
    try (PreparedStatement query = connection().prepareStatement(selectSql)) {
      query.setLong(1, offset);
      query.setInt(2, maxRows);
      try (ResultSet rows = query.executeQuery()) {
        ResultSetMetaData columns = rows.getMetaData();
        int idColumn = idColumn(columns);
        List<Row> result = new ArrayList<>();
        while (rows.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= columns.getColumnCount(); i++) {
            String value = rows.getString(i);
            values.add(value == null ? "" : value);
          }
          result.add(new Row(rows.getLong(idColumn),
              String.join(",", values).getBytes(StandardCharsets.UTF_8)));
        }
        return result;
      }
    }
  }

  private static int idColumn(ResultSetMetaData columns) throws SQLException {
    for (int i = 1; i <= columns.getColumnCount(); i++) {
      if (columns.getColumnLabel(i).equalsIgnoreCase("id")) {
        return i;
      }
    }
    throw new SQLException("columns.to.select must include id, which the source counts by");
  }

  /** Records the last id sent; called only after the channel took the rows. */
  void writeOffset(long lastId) throws SQLException {
    try (PreparedStatement update = connection().prepareStatement(
        "INSERT INTO flume_meta (source_tab, currentIndex) VALUES (?, ?) "
            + "ON DUPLICATE KEY UPDATE currentIndex = VALUES(currentIndex)")) {
      update.setString(1, table);
      update.setString(2, Long.toString(lastId));
      update.executeUpdate();
    }
  }

  /** This instance's connection, made again after a failure dropped it. */
  private Connection connection() throws SQLException {
    if (connection == null) {
      try {
        Driver driver = (Driver) Class.forName(driverClass, true, getClass().getClassLoader())
            .getDeclaredConstructor().newInstance();
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        connection = driver.connect(url, credentials);
      } catch (ReflectiveOperationException e) {
        throw new SQLException("Cannot load the JDBC driver " + driverClass
            + ": put its jar in plugins.d/<name>/libext", e);
      }
      if (connection == null) {
        throw new SQLException(driverClass + " does not accept " + url);
      }
    }
    return connection;
  }

  /** Drops the connection after a failure, so the next call connects again. */
  void disconnect() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // it is being dropped because it failed
      }
      connection = null;
    }
  }

  record Row(long id, byte[] body) {}
}
