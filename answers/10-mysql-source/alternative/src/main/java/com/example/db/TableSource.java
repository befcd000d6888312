package com.example.db;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.PollableSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A second answer to lab 10, written against FlumeLab's API in one class: it reads rows by id
 * after the last one it sent, hands them over, then records the last id in flume_meta. Connections
 * come from DriverManager, after the driver class is loaded by this class's own loader.
 */
public class TableSource extends AbstractSource implements Configurable, PollableSource {

  private String url;
  private String user;
  private String password;
  private String table;
  private String columns;
  private int limit;
  private long firstId;
  private long delay;
  private Connection db;
  private long lastSent = -1;

  @Override
  public void configure(Context context) {
    url = context.getString("connection.url");
    user = context.getString("connection.user");
    password = context.getString("connection.password", "");
    table = context.getString("table", "");
    if (!table.matches("\\w+")) {
      throw new ConfigurationException("table", "'" + table + "' is not a table name",
          "Give the name of one table: letters, digits and _ only.");
    }
    columns = context.getString("columns.to.select", "*");
    if (!columns.matches("\\*|\\w+(\\s*,\\s*\\w+)*")) {
      throw new ConfigurationException("columns.to.select", "'" + columns
          + "' is not a list of column names", "Give * or names separated by commas.");
    }
    limit = context.getInteger("max.rows", 1000);
    firstId = context.getLong("start.from", 0L);
    delay = context.getLong("run.query.delay", 10000L);
    String driver = context.getString("connection.driver_class", "com.mysql.cj.jdbc.Driver");
    try {
      Class.forName(driver, true, TableSource.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException("connection.driver_class", "no class " + driver,
          "Put the JDBC driver's jar in plugins.d/<name>/libext.");
    }
  }

  @Override
  public Status process() throws EventDeliveryException {
    try {
      if (db == null || !db.isValid(2)) {
        db = DriverManager.getConnection(url, user, password);
      }
      if (lastSent < 0) {
        lastSent = savedId();
      }
      List<Event> batch = new ArrayList<>();
      long last = lastSent;
      try (PreparedStatement select = db.prepareStatement("SELECT " + columns + " FROM " + table
          + " WHERE id > ? ORDER BY id LIMIT ?")) {
        select.setLong(1, lastSent);
        select.setInt(2, limit);
        try (ResultSet rs = select.executeQuery()) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              String value = rs.getString(i);
              line.append(i > 1 ? "," : "").append(value == null ? "" : value);
            }
            batch.add(EventBuilder.withBody(line.toString(), StandardCharsets.UTF_8));
            last = rs.getLong("id");
          }
        }
      }
      if (batch.isEmpty()) {
        return Status.BACKOFF;
      }
      try {
        getChannelProcessor().processEventBatch(batch);
      } catch (ChannelException refused) {
        return Status.BACKOFF;
      }
      lastSent = last;
      saveId(last);
      return Status.READY;
    } catch (SQLException e) {
      closeQuietly();
      throw new EventDeliveryException("database: " + e.getMessage(), e);
    }
  }

  private long savedId() throws SQLException {
    try (PreparedStatement select = db.prepareStatement(
        "SELECT currentIndex FROM flume_meta WHERE source_tab = ?")) {
      select.setString(1, table);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getLong(1) : firstId;
      }
    }
  }

  private void saveId(long id) throws SQLException {
    try (PreparedStatement upsert = db.prepareStatement("INSERT INTO flume_meta VALUES (?, ?) "
        + "ON DUPLICATE KEY UPDATE currentIndex = VALUES(currentIndex)")) {
      upsert.setString(1, table);
      upsert.setString(2, String.valueOf(id));
      upsert.executeUpdate();
    }
  }

  private void closeQuietly() {
    try {
      if (db != null) {
        db.close();
      }
    } catch (SQLException e) {
      // dropping a connection that failed
    }
    db = null;
  }

  @Override
  public synchronized void stop() {
    closeQuietly();
    super.stop();
  }

  @Override
  public long getBackOffSleepIncrement() {
    return delay;
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return delay;
  }
}
