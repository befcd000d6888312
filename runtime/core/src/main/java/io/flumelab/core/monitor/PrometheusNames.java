package io.flumelab.core.monitor;

import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.CounterSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Flume's counter names as Prometheus names: {@code EventPutSuccessCount} of a channel becomes the
 * counter {@code flume_channel_event_put_success_total}, {@code ChannelSize} the gauge
 * {@code flume_channel_size}, {@code StartTime} (ms) the gauge {@code flume_channel_start_time_seconds}.
 * Type, help and unit are what the counter's {@link CounterSpec} says, declared beside the class
 * that keeps it; a counter without one, such as a plugin's own, gets a mechanical snake_case name
 * of type {@code untyped}, since nothing says whether it only grows.
 */
public final class PrometheusNames {

  /** Prometheus' metric types, as the {@code # TYPE} line writes them. */
  public enum Type {
    COUNTER, GAUGE, UNTYPED;

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One Flume counter in Prometheus' terms.
   *
   * @param family the metric's name, e.g. {@code flume_sink_event_drain_success_total}
   * @param scale what a value is multiplied by: 0.001 for Flume's milliseconds, reported in seconds
   */
  public record Metric(String family, Type type, String help, double scale) {}

  private static final double MILLIS_IN_SECONDS = 0.001;
  private static final Pattern WORD_BOUNDARY = Pattern.compile(
      "(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
  private static final Pattern NOT_NAME = Pattern.compile("[^a-z0-9]+");

  private PrometheusNames() {}

  /**
   * The metric a component's counter is reported as, from what its {@link CounterSpec} says.
   *
   * @param counter the component's counters; their type ({@code SOURCE}, {@code CHANNEL},
   *     {@code SINK}, or a plugin's own such as {@code CHANNEL_PROCESSOR}) is the name's kind
   * @param name the counter's name as Flume reports it, e.g. {@code EventPutSuccessCount}
   */
  public static Metric of(ComponentCounter counter, String name) {
    String kind = counter.getType();
    String prefix = "flume_" + snakeCase(kind) + "_";
    String words = withoutKind(kind, withoutSuffix(snakeCase(name), "_count"));
    Optional<CounterSpec> described = counter.describe(name);
    if (described.isEmpty()) {
      return new Metric(prefix + words, Type.UNTYPED, "Flume counter " + name + " of "
          + kind.toLowerCase(Locale.ROOT) + " components, as the component reports it (not one "
          + "FlumeLab describes).", 1);
    }
    CounterSpec spec = described.get();
    StringBuilder family = new StringBuilder(prefix)
        .append(spec.snakeName() != null ? spec.snakeName() : words);
    double scale = 1;
    if (spec.unit() == CounterSpec.Unit.MILLISECONDS) {
      family.append("_seconds");
      scale = MILLIS_IN_SECONDS;
    }
    Type type = spec.kind() == CounterSpec.Kind.COUNTER ? Type.COUNTER : Type.GAUGE;
    if (type == Type.COUNTER) {
      family.append("_total");
    }
    return new Metric(family.toString(), type, spec.help(), scale);
  }

  /**
   * {@code EventPutSuccessCount} to {@code event_put_success_count}, {@code HTTPRequests} to
   * {@code http_requests}; any character a Prometheus name cannot hold becomes one underscore.
   */
  static String snakeCase(String name) {
    String words = WORD_BOUNDARY.matcher(name).replaceAll("_").toLowerCase(Locale.ROOT);
    String snake = NOT_NAME.matcher(words).replaceAll("_");
    snake = snake.replaceAll("^_+|_+$", "");
    return snake.isEmpty() ? "unnamed" : snake;
  }

  /**
   * A label value as the text format quotes it: backslash, double quote and line feed escaped.
   */
  static String escapeLabelValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** A {@code # HELP} text: backslash and line feed escaped. */
  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /**
   * {@code channel_size} of a channel is {@code size}: the kind is already in the name's prefix.
   */
  private static String withoutKind(String kind, String name) {
    String kindPrefix = snakeCase(kind) + "_";
    return name.startsWith(kindPrefix) ? name.substring(kindPrefix.length()) : name;
  }

  /**
   * Prometheus keeps {@code _count} for histograms and summaries (promtool's lint flags it on
   * anything else); Flume ends most counter names with it.
   */
  private static String withoutSuffix(String name, String suffix) {
    return name.endsWith(suffix) && name.length() > suffix.length()
        ? name.substring(0, name.length() - suffix.length()) : name;
  }
}
