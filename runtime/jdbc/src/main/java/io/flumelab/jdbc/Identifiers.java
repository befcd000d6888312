package io.flumelab.jdbc;

import io.flumelab.core.spi.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names a configuration puts into SQL (a table, the columns to select, the incremental column)
 * are checked to be identifiers, never pasted in as they come: {@code t; DROP TABLE x} is refused at
 * its line, before anything connects. An identifier is a word of letters (any script), digits,
 * {@code _} and {@code $}, or a name quoted with back quotes, double quotes or brackets, optionally
 * qualified ({@code db.table}).
 */
final class Identifiers {

  private static final String PART = "(?:[\\p{L}_][\\p{L}\\p{N}_$]*|`[^`]+`|\"[^\"]+\"|\\[[^\\]]+\\])";
  private static final Pattern NAME = Pattern.compile(PART + "(?:\\." + PART + "){0,2}");
  private static final Pattern COLUMN = Pattern.compile(PART + "(?:\\." + PART + "){0,2}"
      + "|(?:" + PART + "\\.){0,2}\\*");

  private Identifiers() {}

  static boolean isName(String text) {
    return NAME.matcher(text.trim()).matches();
  }

  /** {@code *}, or columns separated by commas: {@code id, name, t.note}. */
  static boolean isColumnList(String text) {
    List<String> columns = columns(text);
    return !columns.isEmpty() && columns.stream().allMatch(c -> COLUMN.matcher(c).matches());
  }

  static List<String> columns(String text) {
    List<String> columns = new ArrayList<>();
    for (String column : text.split(",", -1)) {
      columns.add(column.trim());
    }
    return columns;
  }

  /** The last part of a name without its quotes: {@code `db`.`id`} is {@code id}. */
  static String unqualified(String name) {
    String last = name.trim();
    int dot = lastDotOutsideQuotes(last);
    if (dot >= 0) {
      last = last.substring(dot + 1);
    }
    if (last.length() >= 2 && "`\"[".indexOf(last.charAt(0)) >= 0) {
      last = last.substring(1, last.length() - 1);
    }
    return last;
  }

  private static int lastDotOutsideQuotes(String name) {
    char quote = 0;
    int found = -1;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '`' || c == '"') {
        quote = c;
      } else if (c == '[') {
        quote = ']';
      } else if (c == '.') {
        found = i;
      }
    }
    return found;
  }

  static Check<String> name(String what, String example) {
    return new Check<>("an SQL name", Identifiers::isName,
        value -> "'" + value + "' is not " + what + " (an SQL name such as " + example
            + "); names are not pasted into SQL as they are, so a value like 't; DROP TABLE x' is "
            + "refused",
        "Write one name: letters, digits and _, optionally db.name, or a quoted name such as `my table`.");
  }

  static Check<String> columnList() {
    return new Check<>("* or names separated by commas", Identifiers::isColumnList,
        value -> "'" + value + "' is not * or a list of column names separated by commas",
        "Write * or column names such as id, name, note; for expressions (CONCAT(a, b)) use "
            + "custom.query.");
  }
}
