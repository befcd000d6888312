package io.flumelab.core.spi;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The form of a setting's value and how its text becomes that value. A value that does not parse is
 * a {@link Setting.Problem}, written once here for every component.
 *
 * @param name what the docs call it ("integer", "charset")
 * @param lenient whether a malformed value is only a flaw: Flume reads any boolean other than
 *     {@code true} as false, so a component still runs with it
 */
public record ValueType<T>(String name, Parser<T> parser, Function<T, String> format,
    boolean lenient) {

  /** Turns text into a value or says, as a {@link Setting.Problem}, why it cannot. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String text) throws Setting.Problem;
  }

  private static final Pattern SUFFIXED = Pattern.compile("(\\d+)([kKmMgG])[bB]?");

  public static final ValueType<String> STRING = new ValueType<>("string", text -> text, s -> s, false);

  public static final ValueType<Integer> INTEGER = new ValueType<>("integer", text -> {
    long value = parseLong(text, "an int");
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new Setting.Problem("'" + text + "' is out of range for an int",
          "Write a whole number no larger than " + Integer.MAX_VALUE + ".");
    }
    return (int) value;
  }, String::valueOf, false);

  public static final ValueType<Long> LONG =
      new ValueType<>("long", text -> parseLong(text, "a long"), String::valueOf, false);

  public static final ValueType<Double> DOUBLE = new ValueType<>("number", text -> {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new Setting.Problem("'" + text + "' is not a number", numberFix(text));
    }
  }, String::valueOf, false);

  public static final ValueType<Boolean> BOOLEAN = new ValueType<>("boolean", text -> {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      throw new Setting.Problem("'" + text + "' is not true or false", "Write true or false.");
    }
    return lower.equals("true");
  }, String::valueOf, true);

  public static final ValueType<Charset> CHARSET = new ValueType<>("charset", text -> {
    try {
      return Charset.forName(text);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new Setting.Problem("unknown charset '" + text + "'",
          "Use a Java charset name such as UTF-8 or ISO-8859-1.");
    }
  }, Charset::name, false);

  public static final ValueType<Pattern> REGEX = new ValueType<>("regex", text -> {
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new Setting.Problem("'" + text + "' is not a valid regular expression: "
          + e.getDescription() + " near index " + e.getIndex(),
          "Write a Java regular expression; in a properties file each backslash is written twice "
              + "(\\\\d+ for \\d+), and a literal . or ( is escaped as \\\\. or \\\\(.");
    }
  }, Pattern::pattern, false);

  /** The value of a malformed {@link #lenient} type, as Flume reads it. */
  T lenientValue(String text) {
    if (this == BOOLEAN) {
      @SuppressWarnings("unchecked")
      T value = (T) Boolean.valueOf(text);
      return value;
    }
    throw new IllegalStateException(name + " has no lenient reading");
  }

  private static long parseLong(String text, String range) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      if (text.matches("[-+]?\\d+")) {
        throw new Setting.Problem("'" + text + "' is out of range for " + range,
            "Write a smaller whole number.");
      }
      throw new Setting.Problem("'" + text + "' is not a whole number", numberFix(text));
    }
  }

  /** Flume reads plain numbers only; a value like {@code 10k} gets its full spelling as the fix. */
  private static String numberFix(String value) {
    Matcher m = SUFFIXED.matcher(value.trim());
    if (m.matches()) {
      long factor = switch (Character.toLowerCase(m.group(2).charAt(0))) {
        case 'k' -> 1_000L;
        case 'm' -> 1_000_000L;
        default -> 1_000_000_000L;
      };
      return "Units are not understood; write it in full: " + Long.parseLong(m.group(1)) * factor + ".";
    }
    return "Write a plain number.";
  }
}
