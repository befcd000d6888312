package io.flumelab.cluster.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The rows the tests stream: row i has id 3i + i mod 3 (so the ids have gaps of 1 to 5), a name
 * in Chinese, and a note that is NULL for every tenth row, an empty string for every 17th, and
 * a text with a comma and quotes for every 13th.
 */
final class TestRows {

  private final DataSource db;
  private final String table;

  TestRows(DataSource db, String table) {
    this.db = db;
    this.table = table;
  }

  static long id(int i) {
    return 3L * i + i % 3;
  }

  static String name(int i) {
    return "用户" + i + (i % 2 == 0 ? " 北京" : "");
  }

  static String note(int i) {
    if (i % 10 == 0) {
      return null;
    }
    if (i % 17 == 0) {
      return "";
    }
    return i % 13 == 0 ? "say \"嗨\", ok" : "n" + i;
  }

  /** The event body the jdbc source makes of row i with its defaults (every value quoted). */
  static String line(int i) {
    String note = note(i);
    return "\"" + id(i) + "\",\"" + name(i) + "\","
        + (note == null ? "" : "\"" + note.replace("\"", "\"\"") + "\"");
  }

  static List<String> lines(int first, int last) {
    List<String> lines = new ArrayList<>(last - first + 1);
    for (int i = first; i <= last; i++) {
      lines.add(line(i));
    }
    return lines;
  }

  void create() throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, "
          + "note VARCHAR(64)) CHARACTER SET utf8mb4");
    }
  }

  /** Inserts rows first to last, a thousand per statement. */
  void insert(int first, int last) throws SQLException {
    try (Connection c = db.getConnection()) {
      for (int from = first; from <= last; from += 1000) {
        int to = Math.min(last, from + 999);
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (id, name, note) VALUES ");
        for (int i = from; i <= to; i++) {
          sql.append(i == from ? "(?, ?, ?)" : ", (?, ?, ?)");
        }
        try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
          int p = 1;
          for (int i = from; i <= to; i++) {
            insert.setLong(p++, id(i));
            insert.setString(p++, name(i));
            insert.setString(p++, note(i));
          }
          insert.executeUpdate();
        }
      }
    }
  }
}
