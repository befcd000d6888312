package io.flumelab.jdbc;

import io.flumelab.core.spi.Check;

/**
 * A {@code custom.query} as the database gets it: each {@code $@$} (the plugin's mark for the last
 * value, also when written in quotes, {@code '$@$'}) becomes a {@code ?} parameter, so the value
 * is bound, never pasted in. One statement only: a {@code ;} followed by more SQL is refused, a
 * trailing one dropped.
 */
final class CustomQuery {

  static final String MARK = "$@$";

  private CustomQuery() {}

  /** The query with its marks turned into parameters and a trailing {@code ;} removed. */
  static String toSql(String query) {
    String sql = stripTrailingSemicolons(query.trim());
    return sql.replace("'" + MARK + "'", "?").replace(MARK, "?");
  }

  /** How many parameters {@link #toSql} made, each bound to the last value. */
  static int marks(String query) {
    String sql = query.replace("'" + MARK + "'", MARK);
    int count = 0;
    for (int at = sql.indexOf(MARK); at >= 0; at = sql.indexOf(MARK, at + MARK.length())) {
      count++;
    }
    return count;
  }

  static boolean isOneStatement(String query) {
    String sql = stripTrailingSemicolons(query.trim());
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == ';') {
        return false;
      }
    }
    return !sql.isEmpty();
  }

  private static String stripTrailingSemicolons(String sql) {
    String s = sql;
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    return s;
  }

  static Check<String> oneStatement() {
    return new Check<>("one SELECT statement", CustomQuery::isOneStatement,
        value -> "holds more than one statement (a ; followed by more SQL)",
        "Write one SELECT, with $@$ where the last value goes: SELECT id, name FROM student WHERE "
            + "id > $@$ ORDER BY id");
  }
}
