package io.flumelab.core.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one counter of a {@link ComponentCounter} means, declared once beside the class that keeps
 * it and registered with it, so that a reporter that says more than a number (Prometheus' HELP and
 * TYPE) reads it there:
 *
 * <pre>{@code
 * static final CounterSpec LOG_FSYNCS = CounterSpec.counter("LogFsyncCount", "Fsyncs of the log.");
 * private final AtomicLong fsyncs = counter(LOG_FSYNCS);
 * }</pre>
 *
 * <p>Specs are immutable; {@link #unit(Unit)} and {@link #snakeName(String)} return changed copies.
 *
 * @param name the counter's name in Flume's reports, e.g. {@code EventPutSuccessCount}
 * @param kind whether the value only grows
 * @param help one sentence for whoever reads the metric; a time is said in seconds, as reporters
 *     that honour the {@code unit} show it
 * @param unit what the value is measured in
 * @param snakeName the name in snake_case, without unit or {@code _total}, for reporters that
 *     write names so, where Flume's name taken word by word reads wrong ({@code OpenConnectionCount},
 *     a gauge, is {@code open_connections}); null for the name taken word by word
 */
public record CounterSpec(String name, Kind kind, String help, Unit unit, String snakeName) {

  /** Whether a value only grows: reporters tell rates from levels by it. */
  public enum Kind {
    /** Only grows while the component runs (events, batches, failures, time spent). */
    COUNTER,
    /** Goes up and down, or is a moment or a flag (sizes, open connections, start time). */
    GAUGE
  }

  /** What a value is measured in. */
  public enum Unit {
    /** A number of things, a percentage or a flag. */
    NONE,
    /** Milliseconds, as Flume keeps times; reporters in seconds divide by 1000. */
    MILLISECONDS
  }

  private static final Pattern SNAKE_NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  public CounterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unit, "unit");
    if (name.isBlank() || help == null || help.isBlank()) {
      throw new IllegalArgumentException("a counter needs a name and a help text: " + name);
    }
    if (snakeName != null && !SNAKE_NAME.matcher(snakeName).matches()) {
      throw new IllegalArgumentException("snakeName of " + name + " is not snake_case: "
          + snakeName);
    }
  }

  /** A value that only grows, such as {@code EventPutSuccessCount}. */
  public static CounterSpec counter(String name, String help) {
    return new CounterSpec(name, Kind.COUNTER, help, Unit.NONE, null);
  }

  /** A value that goes up and down, such as {@code ChannelSize}. */
  public static CounterSpec gauge(String name, String help) {
    return new CounterSpec(name, Kind.GAUGE, help, Unit.NONE, null);
  }

  public CounterSpec unit(Unit value) {
    return new CounterSpec(name, kind, help, value, snakeName);
  }

  public CounterSpec snakeName(String value) {
    return new CounterSpec(name, kind, help, unit, value);
  }
}
