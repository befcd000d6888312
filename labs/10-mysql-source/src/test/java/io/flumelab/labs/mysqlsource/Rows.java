package io.flumelab.labs.mysqlsource;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.flumelab.cluster.mysql.MysqlService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows the tests insert: a table {@code (id INT PRIMARY KEY, name VARCHAR(64) NULL)} with ids
 * the test chooses (with gaps), names in Chinese or ASCII, and NULL for every seventh id; and the
 * notes' offset table {@code flume_meta(source_tab, currentIndex)}, made empty for each test.
 */
final class Rows {

  private final MysqlService mysql;
  private final String database;
  private final String table;

  Rows(MysqlService mysql, String database, String table) {
    this.mysql = mysql;
    this.database = database;
    this.table = table;
  }

  /** Row id as the source must write it: {@code id,name}, NULL as nothing ({@code 7,}). */
  static String line(int id) {
    String name = name(id);
    return id + "," + (name == null ? "" : name);
  }

  static String name(int id) {
    if (id % 7 == 0) {
      return null;
    }
    return id % 2 == 0 ? "学生" + id + "号" : "student " + id;
  }

  /** Creates the database if needed, and the table and flume_meta empty. */
  Rows reset() {
    try (Connection server = connect(""); Statement sql = server.createStatement()) {
      sql.execute("CREATE DATABASE IF NOT EXISTS " + database
          + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      sql.execute("USE " + database);
      sql.execute("DROP TABLE IF EXISTS " + table);
      sql.execute("DROP TABLE IF EXISTS flume_meta");
      sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(64) NULL) "
          + "CHARACTER SET utf8mb4");
      sql.execute("CREATE TABLE flume_meta (source_tab VARCHAR(255) PRIMARY KEY, "
          + "currentIndex VARCHAR(255) NOT NULL)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare " + database + "." + table, e);
    }
    return this;
  }

  /** Inserts these ids, each with its name, in one transaction. */
  void insert(List<Integer> ids) {
    try (Connection connection = connect(database);
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO " + table + " (id, name) VALUES (?, ?)")) {
      for (int id : ids) {
        insert.setInt(1, id);
        if (name(id) == null) {
          insert.setNull(2, Types.VARCHAR);
        } else {
          insert.setString(2, name(id));
        }
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot insert into " + database + "." + table, e);
    }
  }

  boolean tableExists(String name) {
    try (Connection connection = connect(database);
        ResultSet tables = connection.getMetaData().getTables(database, null, name, null)) {
      return tables.next();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Ends every connection to the server but this one, as a server restart or a network cut ends
   * the agent's: the source's next query fails, and it must connect again.
   */
  int killOtherConnections() {
    try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
      List<Long> ids = new ArrayList<>();
      try (ResultSet others = sql.executeQuery("SELECT ID FROM information_schema.PROCESSLIST "
          + "WHERE ID <> CONNECTION_ID() AND USER = '" + MysqlService.USER + "'")) {
        while (others.next()) {
          ids.add(others.getLong(1));
        }
      }
      for (long id : ids) {
        try {
          sql.execute("KILL CONNECTION " + id);
        } catch (SQLException gone) {
          // it ended on its own meanwhile
        }
      }
      return ids.size();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot end the agent's connections", e);
    }
  }

  private Connection connect(String db) throws SQLException {
    MysqlDataSource source = new MysqlDataSource();
    source.setURL("jdbc:mysql://" + MysqlService.HOST.name() + ":" + mysql.port() + "/" + db
        + "?useUnicode=true&characterEncoding=utf-8");
    source.setUser(MysqlService.USER);
    source.setPassword(MysqlService.PASSWORD);
    return source.getConnection();
  }
}
