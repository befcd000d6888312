package io.flumelab.core.spi;

/**
 * Makes text that came from the network safe to log: anyone who can connect to a source chooses
 * it, so it must not forge log lines (a newline), move the terminal (escape sequences) or fill the
 * log (a 2 MB name). Every value from the wire that reaches a log passes through {@link #quote}.
 */
public final class WireText {

  /** How many characters of a wire value a log line shows; enough to recognise it. */
  public static final int MAX_CHARS = 120;

  private WireText() {}

  /**
   * The value in double quotes, with control characters, quotes and backslashes escaped Java-style
   * ({@code \n}, {@code \u001b}) and cut to {@link #MAX_CHARS} characters, saying how many more
   * there were.
   */
  public static String quote(CharSequence value) {
    if (value == null) {
      return "null";
    }
    int shown = Math.min(value.length(), MAX_CHARS);
    StringBuilder out = new StringBuilder(shown + 16).append('"');
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
              || Character.getType(c) == Character.LINE_SEPARATOR
              || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
              || Character.isSurrogate(c) && !isPairedSurrogate(value, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
    if (value.length() > shown) {
      out.append(" (").append(value.length() - shown).append(" more characters)");
    }
    return out.toString();
  }

  /** The bytes read as ISO-8859-1 (one character per byte, never failing), then quoted. */
  public static String quote(byte[] bytes) {
    if (bytes == null) {
      return "null";
    }
    int shown = Math.min(bytes.length, MAX_CHARS);
    String text = new String(bytes, 0, shown, java.nio.charset.StandardCharsets.ISO_8859_1);
    String quoted = quote(text);
    return bytes.length > shown
        ? quoted + " (" + (bytes.length - shown) + " more bytes)"
        : quoted;
  }

  private static boolean isPairedSurrogate(CharSequence value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }
}
