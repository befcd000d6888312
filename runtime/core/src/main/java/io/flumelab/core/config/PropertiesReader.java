package io.flumelab.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Java properties syntax, as Flume's files use it, but keeps the line every key starts on so
 * problems can point at it. Supports {@code #}/{@code !} comments, {@code =}, {@code :} or
 * whitespace between key and value, backslash continuation and the usual escapes. Values are
 * trimmed at both ends. Duplicates are all returned, in file order; the caller decides.
 */
final class PropertiesReader {

  /** A syntax error: the line and what is wrong with it. */
  record SyntaxError(int line, String message) {}

  record Result(List<Property> entries, List<SyntaxError> errors) {}

  private PropertiesReader() {}

  static Result read(String text) {
    // editors on Windows start UTF-8 files with a byte-order mark; it would glue onto line 1's key
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Property> entries = new ArrayList<>();
    List<SyntaxError> errors = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    StringBuilder logical = null;
    int startLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = stripLeading(lines[i]);
      if (logical == null) {
        if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
          continue;
        }
        logical = new StringBuilder();
        startLine = i + 1;
      }
      if (trailingBackslashes(line) % 2 == 1) {
        logical.append(line, 0, line.length() - 1);
        continue;
      }
      logical.append(line);
      parseLogicalLine(logical.toString(), startLine, entries, errors);
      logical = null;
    }
    if (logical != null) {
      parseLogicalLine(logical.toString(), startLine, entries, errors);
    }
    return new Result(entries, errors);
  }

  private static void parseLogicalLine(String line, int lineNumber, List<Property> entries,
      List<SyntaxError> errors) {
    int keyEnd = 0;
    while (keyEnd < line.length()) {
      char c = line.charAt(keyEnd);
      if (c == '\\') {
        keyEnd += 2;
        continue;
      }
      if (c == '=' || c == ':' || isWhitespace(c)) {
        break;
      }
      keyEnd++;
    }
    keyEnd = Math.min(keyEnd, line.length());
    int valueStart = skipWhitespace(line, keyEnd);
    if (valueStart < line.length() && (line.charAt(valueStart) == '=' || line.charAt(valueStart) == ':')) {
      valueStart = skipWhitespace(line, valueStart + 1);
    }
    try {
      String key = unescape(line.substring(0, keyEnd));
      String value = unescape(line.substring(valueStart)).strip();
      if (key.isEmpty()) {
        errors.add(new SyntaxError(lineNumber, "a value with no key"));
      } else {
        entries.add(new Property(key, value, lineNumber));
      }
    } catch (IllegalArgumentException e) {
      errors.add(new SyntaxError(lineNumber, e.getMessage()));
    }
  }

  private static String unescape(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 == raw.length()) {
        out.append(c);
        continue;
      }
      char next = raw.charAt(++i);
      switch (next) {
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 'f' -> out.append('\f');
        case 'u' -> {
          String hex = raw.substring(i + 1, Math.min(i + 5, raw.length()));
          try {
            if (hex.length() != 4) {
              throw new NumberFormatException();
            }
            out.append((char) Integer.parseInt(hex, 16));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed \\uXXXX escape '\\u" + hex + "'");
          }
          i += 4;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }

  private static int skipWhitespace(String s, int from) {
    int i = from;
    while (i < s.length() && isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String stripLeading(String s) {
    return s.substring(skipWhitespace(s, 0));
  }

  private static int trailingBackslashes(String s) {
    int n = 0;
    for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      n++;
    }
    return n;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\f';
  }
}
