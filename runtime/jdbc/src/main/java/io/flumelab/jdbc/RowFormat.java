package io.flumelab.jdbc;

import java.util.List;

/**
 * One row as one line of CSV, the plugin's event body: values joined by {@code delimiter.entry},
 * each in double quotes when {@code enclose.by.quotes} (quotes inside doubled), otherwise quoted
 * only when it holds the delimiter, a quote or a line break. SQL NULL is an empty field without
 * quotes, so with quotes on it differs from an empty string ({@code ""}).
 */
final class RowFormat {

  private final char delimiter;
  private final boolean quoteAll;

  RowFormat(char delimiter, boolean quoteAll) {
    this.delimiter = delimiter;
    this.quoteAll = quoteAll;
  }

  /** The line for a row's values; a null element is SQL NULL. */
  String line(List<String> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(delimiter);
      }
      append(line, values.get(i));
    }
    return line.toString();
  }

  private void append(StringBuilder line, String value) {
    if (value == null) {
      return;
    }
    if (!quoteAll && !needsQuotes(value)) {
      line.append(value);
      return;
    }
    line.append('"').append(value.replace("\"", "\"\"")).append('"');
  }

  private boolean needsQuotes(String value) {
    return value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0;
  }
}
