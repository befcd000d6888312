package io.flumelab.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * The query a jdbc source runs at each poll, and how a row moves its position on:
 *
 * <ul>
 *   <li>a table with an incremental column: {@code SELECT cols FROM table WHERE col > ? ORDER BY
 *       col}; the position is the last row's value of that column;
 *   <li>a table without one (the plugin's behaviour): {@code SELECT cols FROM table}, skipping as
 *       many rows as were read before; the position is that count;
 *   <li>a custom query, its {@code $@$} marks bound to the position; the position is the last
 *       row's incremental column, or its first column when none is named (the plugin's rule).
 * </ul>
 *
 * The names in the SQL were checked by {@link Identifiers}; the position is always a parameter.
 */
final class RowQuery {

  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

  private final String sql;
  private final int parameters;
  private final boolean countsRows;
  private final String positionColumn;
  private final int maxRows;

  private RowQuery(String sql, int parameters, boolean countsRows, String positionColumn,
      int maxRows) {
    this.sql = sql;
    this.parameters = parameters;
    this.countsRows = countsRows;
    this.positionColumn = positionColumn;
    this.maxRows = maxRows;
  }

  static RowQuery table(String table, String columns, String incrementalColumn, int maxRows) {
    String select = "SELECT " + String.join(", ", Identifiers.columns(columns)) + " FROM "
        + table.trim();
    if (incrementalColumn == null) {
      return new RowQuery(select, 0, true, null, maxRows);
    }
    String column = incrementalColumn.trim();
    return new RowQuery(select + " WHERE " + column + " > ? ORDER BY " + column, 1, false,
        Identifiers.unqualified(column), maxRows);
  }

  static RowQuery custom(String query, String incrementalColumn, int maxRows) {
    return new RowQuery(CustomQuery.toSql(query), CustomQuery.marks(query), false,
        incrementalColumn == null ? null : Identifiers.unqualified(incrementalColumn), maxRows);
  }

  String sql() {
    return sql;
  }

  boolean countsRows() {
    return countsRows;
  }

  /** The statement for the rows after {@code position}, its parameters bound. */
  PreparedStatement prepare(Connection connection, String position) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY);
    try {
      long skip = countsRows ? Long.parseLong(position) : 0;
      if (maxRows > 0) {
        statement.setMaxRows((int) Math.min(Integer.MAX_VALUE, skip + maxRows));
      }
      for (int i = 1; i <= parameters; i++) {
        bind(statement, i, position);
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** Runs the statement {@link #prepare} made; the result is on the first row not read before. */
  ResultSet rowsAfter(PreparedStatement statement, String position) throws SQLException {
    ResultSet rows = statement.executeQuery();
    long skip = countsRows ? Long.parseLong(position) : 0;
    for (long i = 0; i < skip && rows.next(); i++) {
      // rows read before: the plugin's row-count position
    }
    return rows;
  }

  /** The position after the row the result set is on, given the position before it. */
  String positionAfter(ResultSet row, String before) throws SQLException {
    if (countsRows) {
      return Long.toString(Long.parseLong(before) + 1);
    }
    String value = positionColumn == null ? row.getString(1) : row.getString(positionColumn);
    return value == null ? before : value;
  }

  /**
   * Binds the position with the type it reads as: a whole number as a long, a decimal as a
   * BigDecimal, anything else (a date, a time stamp) as text, which MySQL and MariaDB convert to
   * the column's type when comparing.
   */
  static void bind(PreparedStatement statement, int index, String value) throws SQLException {
    if (INTEGER.matcher(value).matches()) {
      statement.setLong(index, Long.parseLong(value));
    } else if (DECIMAL.matcher(value).matches()) {
      statement.setBigDecimal(index, new BigDecimal(value));
    } else {
      statement.setString(index, value);
    }
  }
}
