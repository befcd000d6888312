package io.flumelab.hdfs;

import io.flumelab.api.ConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

/**
 * Flume's escape sequences in {@code hdfs.path} and {@code hdfs.filePrefix}: a pattern is parsed
 * once, at configure time, into literal, header and time parts, so formatting an event is a walk
 * over those parts.
 *
 * <p>Escapes, as in Flume 1.11: {@code %{name}} the event header (empty when absent; names of
 * letters, digits, {@code _ . -}); {@code %t} epoch millis; {@code %s} epoch seconds; calendar
 * fields {@code %a %A %b %B %c %d %e %D %H %I %j %k %l %m %n %M %p %S %y %Y %z} with the meanings
 * of Flume's user guide ({@code %l}, hour 1..12 unpadded, is in Flume's code though not its table);
 * {@code %[localhost] %[IP] %[FQDN]} (any case) this machine's host name, address and canonical
 * name, resolved once here; {@code %%} a literal {@code %}.
 *
 * <p>Time escapes read the {@code timestamp} header (epoch millis), or the clock when
 * {@code hdfs.useLocalTimeStamp} is set. Rounding ({@code hdfs.round}) lowers the second, minute or
 * hour of day, in the pattern's zone, to a multiple of {@code hdfs.roundValue} and zeroes the finer
 * fields; it applies to every time escape but {@code %t}. Names of days, months and am/pm come from
 * the JVM's default format locale and fields are shown in {@code hdfs.timeZone} (default: the
 * JVM's zone), both taken when the pattern is compiled.
 *
 * <p>Where FlumeLab differs from Flume, it fails early or keeps paths predictable: an unknown
 * escape ({@code %Q}, {@code %[foo]}), a lone {@code %}, an unclosed {@code %{} or {@code %[} and a
 * header name Flume cannot match are configuration errors, where Flume writes them as empty text
 * or literally, or fails every event; {@code %%} needs no timestamp; a missing or malformed
 * timestamp is a {@link MissingTimestampException} naming the pattern and the fix; digits are
 * always ASCII and years Gregorian, where Flume follows the locale (Arabic-Indic digits, Thai
 * Buddhist years); rounding works for timestamps at or before 1970 too.
 *
 * <p>Immutable, so one instance serves every thread of the sink.
 */
final class PathEscapes {

  /** Round-down settings: hdfs.round, hdfs.roundValue, hdfs.roundUnit (second|minute|hour). */
  record Rounding(boolean enabled, int value, TimeUnit unit) {
    static final Rounding NONE = new Rounding(false, 1, TimeUnit.SECONDS);
  }

  /** How this machine is found for {@code %[...]}; a seam so a failing lookup can be tested. */
  @FunctionalInterface
  interface LocalHost {
    LocalHost SYSTEM = InetAddress::getLocalHost;

    InetAddress get() throws UnknownHostException;
  }

  static final String TIMESTAMP_HEADER = "timestamp";

  private static final String VALID_ESCAPES = "%{header}, %t, %s, %a %A %b %B %c %d %e %D %H %I %j "
      + "%k %l %m %n %M %p %S %y %Y %z, %[localhost] %[IP] %[FQDN], and %% for a literal %";

  private final String pattern;
  private final String key;
  private final Part[] parts;
  private final boolean needsTimestamp;
  private final boolean useLocalTimeStamp;
  private final Rounding rounding;
  private final ZoneId zone;

  private PathEscapes(String pattern, String key, List<Part> parts, Rounding rounding, ZoneId zone,
      boolean useLocalTimeStamp) {
    this.pattern = pattern;
    this.key = key;
    this.parts = parts.toArray(new Part[0]);
    this.needsTimestamp = parts.stream().anyMatch(part -> part instanceof EpochMillis
        || part instanceof EpochSeconds || part instanceof Field);
    this.rounding = rounding;
    this.zone = zone;
    this.useLocalTimeStamp = useLocalTimeStamp;
  }

  /**
   * Parses the pattern once. key is the config key it came from ("hdfs.path"), for errors.
   *
   * @param zone the zone of the time fields; null for the JVM's
   * @throws ConfigurationException for an unknown escape, a lone {@code %}, an unclosed
   *     {@code %{} or {@code %[}, a bad header name, an unresolvable host or a rounding value out
   *     of range
   */
  static PathEscapes compile(String pattern, String key, Rounding rounding, TimeZone zone,
      boolean useLocalTimeStamp) {
    return compile(pattern, key, rounding, zone, useLocalTimeStamp,
        Locale.getDefault(Locale.Category.FORMAT), LocalHost.SYSTEM);
  }

  /** As {@link #compile(String, String, Rounding, TimeZone, boolean)}, given locale and host. */
  static PathEscapes compile(String pattern, String key, Rounding rounding, TimeZone zone,
      boolean useLocalTimeStamp, Locale locale, LocalHost localHost) {
    Rounding checked = check(rounding == null ? Rounding.NONE : rounding);
    ZoneId zoneId = (zone == null ? TimeZone.getDefault() : zone).toZoneId();
    List<Part> parts = new Parser(pattern, key, locale, localHost).parse();
    return new PathEscapes(pattern, key, parts, checked, zoneId, useLocalTimeStamp);
  }

  /** True if the pattern has time escapes (so events need a timestamp unless useLocalTimeStamp). */
  boolean needsTimestamp() {
    return needsTimestamp;
  }

  /** The pattern as configured. */
  String pattern() {
    return pattern;
  }

  /**
   * The pattern with every escape replaced for this event.
   *
   * @param nowMillis the clock, used instead of the header when useLocalTimeStamp is set
   * @throws MissingTimestampException if a time escape is used, useLocalTimeStamp is false and the
   *     {@code timestamp} header is missing or not a number
   */
  String format(Map<String, String> headers, long nowMillis) {
    Stamp stamp = needsTimestamp ? stamp(headers, nowMillis) : null;
    StringBuilder out = new StringBuilder(pattern.length() + 32);
    for (Part part : parts) {
      part.appendTo(out, headers, stamp);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return key + " = " + pattern;
  }

  private Stamp stamp(Map<String, String> headers, long nowMillis) {
    String millisText;
    long millis;
    if (useLocalTimeStamp) {
      millis = nowMillis;
      millisText = Long.toString(nowMillis);
    } else {
      millisText = headers.get(TIMESTAMP_HEADER);
      if (millisText == null) {
        throw new MissingTimestampException(key, pattern, null);
      }
      try {
        millis = Long.parseLong(millisText);
      } catch (NumberFormatException e) {
        throw new MissingTimestampException(key, pattern, millisText);
      }
    }
    ZonedDateTime time = roundDown(Instant.ofEpochMilli(millis).atZone(zone));
    return new Stamp(millisText, time.toInstant().toEpochMilli(), time);
  }

  /** Lowers a field of the local time, as Flume does, so buckets follow the wall clock. */
  private ZonedDateTime roundDown(ZonedDateTime time) {
    if (!rounding.enabled()) {
      return time;
    }
    int by = rounding.value();
    return switch (rounding.unit()) {
      case SECONDS -> time.withSecond(time.getSecond() - time.getSecond() % by)
          .truncatedTo(ChronoUnit.SECONDS);
      case MINUTES -> time.withMinute(time.getMinute() - time.getMinute() % by)
          .truncatedTo(ChronoUnit.MINUTES);
      case HOURS -> time.withHour(time.getHour() - time.getHour() % by)
          .truncatedTo(ChronoUnit.HOURS);
      default -> throw new IllegalStateException("unchecked unit " + rounding.unit());
    };
  }

  private static Rounding check(Rounding rounding) {
    if (!rounding.enabled()) {
      return rounding;
    }
    String unitKey = HdfsSink.ROUND_UNIT.key();
    String valueKey = HdfsSink.ROUND_VALUE.key();
    if (rounding.unit() == null) {
      throw new ConfigurationException(unitKey, unitKey + " is not set",
          "use second, minute or hour");
    }
    int max = switch (rounding.unit()) {
      case SECONDS, MINUTES -> 60;
      case HOURS -> 24;
      default -> throw new ConfigurationException(unitKey, unitKey + " is "
          + rounding.unit().name().toLowerCase(Locale.ROOT), "use second, minute or hour");
    };
    if (rounding.value() < 1 || rounding.value() > max) {
      String unit = rounding.unit() == TimeUnit.HOURS ? "hour" : rounding.unit() == TimeUnit.MINUTES
          ? "minute" : "second";
      throw new ConfigurationException(valueKey, valueKey + " is " + rounding.value()
          + ", but rounding by the " + unit + " takes 1 to " + max,
          "set " + valueKey + " between 1 and " + max
              + (max == 60 ? ", or round by a larger " + unitKey : ""));
    }
    return rounding;
  }

  /** One event's time: the timestamp as given (for %t) and after rounding (for the rest). */
  private record Stamp(String millisText, long roundedMillis, ZonedDateTime rounded) {}

  private interface Part {
    void appendTo(StringBuilder out, Map<String, String> headers, Stamp stamp);
  }

  private record Literal(String text) implements Part {
    @Override
    public void appendTo(StringBuilder out, Map<String, String> headers, Stamp stamp) {
      out.append(text);
    }
  }

  private record Header(String name) implements Part {
    @Override
    public void appendTo(StringBuilder out, Map<String, String> headers, Stamp stamp) {
      String value = headers.get(name);
      if (value != null) {
        out.append(value);
      }
    }
  }

  /** %t: the timestamp exactly as the event carries it, never rounded. */
  private record EpochMillis() implements Part {
    @Override
    public void appendTo(StringBuilder out, Map<String, String> headers, Stamp stamp) {
      out.append(stamp.millisText());
    }
  }

  /** %s: rounded, truncated toward zero like Flume's division. */
  private record EpochSeconds() implements Part {
    @Override
    public void appendTo(StringBuilder out, Map<String, String> headers, Stamp stamp) {
      out.append(stamp.roundedMillis() / 1000);
    }
  }

  private record Field(DateTimeFormatter formatter) implements Part {
    @Override
    public void appendTo(StringBuilder out, Map<String, String> headers, Stamp stamp) {
      formatter.formatTo(stamp.rounded(), out);
    }
  }

  /** Splits a pattern into parts, rejecting what Flume would silently mangle. */
  private static final class Parser {
    private final String pattern;
    private final String key;
    private final Locale locale;
    private final LocalHost localHost;
    private final List<Part> parts = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();
    private InetAddress host;

    Parser(String pattern, String key, Locale locale, LocalHost localHost) {
      this.pattern = pattern;
      this.key = key;
      this.locale = locale;
      this.localHost = localHost;
    }

    List<Part> parse() {
      int i = 0;
      while (i < pattern.length()) {
        char c = pattern.charAt(i);
        if (c != '%') {
          literal.append(c);
          i++;
        } else if (i + 1 == pattern.length()) {
          throw error("ends with a lone %", "write %% for a literal %");
        } else {
          i = escape(i, pattern.charAt(i + 1));
        }
      }
      flushLiteral();
      return parts;
    }

    /** Parses the escape at {@code at}; returns the index after it. */
    private int escape(int at, char c) {
      switch (c) {
        case '%':
          literal.append('%');
          return at + 2;
        case '{': {
          int end = closing(at, '}');
          add(new Header(headerName(pattern.substring(at + 2, end))));
          return end + 1;
        }
        case '[': {
          int end = closing(at, ']');
          literal.append(hostValue(pattern.substring(at, end + 1), pattern.substring(at + 2, end)));
          return end + 1;
        }
        case 't':
          add(new EpochMillis());
          return at + 2;
        case 's':
          add(new EpochSeconds());
          return at + 2;
        default:
          String fields = fieldPattern(c);
          if (fields == null) {
            throw error("has an unknown escape \"%" + c + "\" at position " + at,
                "use one of " + VALID_ESCAPES);
          }
          add(new Field(DateTimeFormatter.ofPattern(fields, locale)));
          return at + 2;
      }
    }

    /** Flume's SimpleDateFormat patterns, in java.time letters (L: a month name on its own). */
    private static String fieldPattern(char escape) {
      return switch (escape) {
        case 'a' -> "EEE";
        case 'A' -> "EEEE";
        case 'b' -> "LLL";
        case 'B' -> "LLLL";
        case 'c' -> "EEE MMM d HH:mm:ss yyyy";
        case 'd' -> "dd";
        case 'e' -> "d";
        case 'D' -> "MM/dd/yy";
        case 'H' -> "HH";
        case 'I' -> "hh";
        case 'j' -> "DDD";
        case 'k' -> "H";
        case 'l' -> "h";
        case 'm' -> "MM";
        case 'n' -> "M";
        case 'M' -> "mm";
        case 'p' -> "a";
        case 'S' -> "ss";
        case 'y' -> "yy";
        case 'Y' -> "yyyy";
        case 'z' -> "Z";
        default -> null;
      };
    }

    private int closing(int at, char close) {
      int end = pattern.indexOf(close, at + 2);
      if (end < 0) {
        String open = pattern.substring(at, at + 2);
        throw error("has \"" + open + "\" at position " + at + " without a closing \"" + close
            + "\"", "close it, e.g. " + (close == '}' ? "%{host}" : "%[localhost]")
            + ", or write %% for a literal %");
      }
      return end;
    }

    private String headerName(String name) {
      boolean valid = !name.isEmpty() && name.chars().allMatch(ch -> ch == '_' || ch == '.'
          || ch == '-' || (ch < 128 && Character.isLetterOrDigit(ch)));
      if (!valid) {
        throw error("has a header escape \"%{" + name + "}\" Flume cannot match",
            "name a header with letters, digits, '_', '.' and '-' only, e.g. %{host}");
      }
      return name;
    }

    private String hostValue(String escape, String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "localhost" -> host(escape).getHostName();
        case "ip" -> host(escape).getHostAddress();
        case "fqdn" -> host(escape).getCanonicalHostName();
        default -> throw error("has an unknown escape \"" + escape + "\"",
            "use %[localhost], %[IP] or %[FQDN]");
      };
    }

    private InetAddress host(String escape) {
      if (host == null) {
        try {
          host = localHost.get();
        } catch (UnknownHostException e) {
          throw error("uses " + escape + ", but this machine's name does not resolve ("
              + e.getMessage() + ")", "map the host name to an address in /etc/hosts, or write "
              + "the name into the pattern instead of " + escape);
        }
      }
      return host;
    }

    private void add(Part part) {
      flushLiteral();
      parts.add(part);
    }

    private void flushLiteral() {
      if (!literal.isEmpty()) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
    }

    private ConfigurationException error(String problem, String fix) {
      return new ConfigurationException(key, key + " = " + pattern + " " + problem, fix);
    }
  }
}
