package io.flumelab.core.monitor;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flume's counter names as Prometheus names: {@code EventPutSuccessCount} of a channel becomes the
 * counter {@code flume_channel_event_put_success_total}, {@code ChannelSize} the gauge
 * {@code flume_channel_size}, {@code StartTime} (ms) the gauge {@code flume_channel_start_time_seconds}.
 * The counters FlumeLab's components keep are described here one by one (type, help, unit); any
 * other name, such as a plugin's own counter group, gets a mechanical snake_case name of type
 * {@code untyped}, since nothing says whether it only grows.
 */
final class PrometheusNames {

  /** Prometheus' metric types, as the {@code # TYPE} line writes them. */
  enum Type {
    COUNTER, GAUGE, UNTYPED;

    String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One Flume counter in Prometheus' terms.
   *
   * @param family the metric's name, e.g. {@code flume_sink_event_drain_success_total}
   * @param scale what a value is multiplied by: 0.001 for Flume's milliseconds, reported in seconds
   */
  record Metric(String family, Type type, String help, double scale) {}

  /** How a known counter is reported; {@code name} null for the mechanical one. */
  private record Known(Type type, String name, String help, double scale) {

    static Known counter(String help) {
      return new Known(Type.COUNTER, null, help, 1);
    }

    static Known gauge(String name, String help) {
      return new Known(Type.GAUGE, name, help, 1);
    }
  }

  private static final double MILLIS = 0.001;
  private static final Pattern WORD_BOUNDARY = Pattern.compile(
      "(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
  private static final Pattern NOT_NAME = Pattern.compile("[^a-z0-9]+");

  private static final Map<String, Known> KNOWN = Map.ofEntries(
      // every component
      Map.entry("StartTime", new Known(Type.GAUGE, "start_time_seconds",
          "When the component last started, in seconds since the epoch (0: never).", MILLIS)),
      Map.entry("StopTime", new Known(Type.GAUGE, "stop_time_seconds",
          "When the component last stopped, in seconds since the epoch (0: running or never "
              + "started).", MILLIS)),
      // sources
      Map.entry("EventReceivedCount", Known.counter("Events the source received.")),
      Map.entry("EventAcceptedCount", Known.counter(
          "Events the source put on its channels (committed).")),
      Map.entry("AppendReceivedCount", Known.counter("Single-event appends received (avro).")),
      Map.entry("AppendAcceptedCount", Known.counter(
          "Single-event appends put on the channels (avro).")),
      Map.entry("AppendBatchReceivedCount", Known.counter("Batches received (avro appendBatch).")),
      Map.entry("AppendBatchAcceptedCount", Known.counter(
          "Batches put on the channels (avro appendBatch).")),
      Map.entry("OpenConnectionCount", Known.gauge("open_connections",
          "Client connections open now.")),
      Map.entry("EventReadFail", Known.counter(
          "Inputs that could not be read as an event (bad bytes, a line too long, bad encoding).")),
      Map.entry("ChannelWriteFail", Known.counter(
          "Batches the source could not put on its channels (a channel full or failing).")),
      Map.entry("GenericProcessingFail", Known.counter(
          "Other failures of the source while processing.")),
      // channels
      Map.entry("ChannelSize", Known.gauge("size", "Events in the channel now.")),
      Map.entry("ChannelCapacity", Known.gauge("capacity", "Events the channel can hold.")),
      Map.entry("ChannelFillPercentage", Known.gauge("fill_percentage",
          "How full the channel is, in percent of its capacity.")),
      Map.entry("EventPutAttemptCount", Known.counter("Events sources tried to put.")),
      Map.entry("EventPutSuccessCount", Known.counter("Events put and committed.")),
      Map.entry("EventTakeAttemptCount", Known.counter(
          "Takes sinks tried, including those that found the channel empty.")),
      Map.entry("EventTakeSuccessCount", Known.counter("Events taken and committed.")),
      Map.entry("EventDiscardCount", Known.counter(
          "Committed events given up because the agent stopped before its sinks delivered them.")),
      // the file channel
      Map.entry("Unhealthy", Known.gauge("unhealthy",
          "1 while the channel could not start (replay or directories failed), else 0.")),
      Map.entry("EventPutErrorCount", Known.counter("Puts that failed writing to the log.")),
      Map.entry("EventTakeErrorCount", Known.counter("Takes that failed reading the log.")),
      Map.entry("CheckpointWriteErrorCount", Known.counter("Checkpoints that failed to write.")),
      Map.entry("CheckpointBackupWriteErrorCount", Known.counter(
          "Backup checkpoints that failed to write.")),
      Map.entry("LogWriteCount", Known.counter("Writes to the log, each of one or more commits.")),
      Map.entry("LogFsyncCount", Known.counter("Fsyncs of the log.")),
      Map.entry("LogCommitCount", Known.counter("Transactions written to the log.")),
      // the kafka channel
      Map.entry("KafkaEventGetTimer", new Known(Type.COUNTER, "kafka_event_get_seconds_total",
          "Time spent polling Kafka for events, in seconds.", MILLIS)),
      Map.entry("KafkaEventSendTimer", new Known(Type.COUNTER, "kafka_event_send_seconds_total",
          "Time spent sending events to Kafka, in seconds.", MILLIS)),
      Map.entry("KafkaCommitTimer", new Known(Type.COUNTER, "kafka_commit_seconds_total",
          "Time spent committing offsets to Kafka, in seconds.", MILLIS)),
      Map.entry("RollbackCount", Known.counter("Events of takes that were rolled back.")),
      // sinks
      Map.entry("ConnectionCreatedCount", Known.counter("Connections the sink opened.")),
      Map.entry("ConnectionClosedCount", Known.counter("Connections the sink closed.")),
      Map.entry("ConnectionFailedCount", Known.counter("Connections that failed.")),
      Map.entry("BatchEmptyCount", Known.counter("Takes that found the channel empty.")),
      Map.entry("BatchUnderflowCount", Known.counter("Batches smaller than the batch size.")),
      Map.entry("BatchCompleteCount", Known.counter("Batches of the full batch size.")),
      Map.entry("EventDrainAttemptCount", Known.counter("Events the sink tried to deliver.")),
      Map.entry("EventDrainSuccessCount", Known.counter("Events the sink delivered.")),
      Map.entry("EventWriteFail", Known.counter("Events the sink failed to write.")),
      Map.entry("ChannelReadFail", Known.counter("Takes from the channel that failed.")));

  private PrometheusNames() {}

  /**
   * The metric a counter of a component of this kind is reported as.
   *
   * @param kind Flume's counter type: {@code SOURCE}, {@code CHANNEL}, {@code SINK}, or a
   *     plugin's own ({@code CHANNEL_PROCESSOR})
   * @param counter the counter's name as Flume reports it, e.g. {@code EventPutSuccessCount}
   */
  static Metric of(String kind, String counter) {
    String prefix = "flume_" + snakeCase(kind) + "_";
    Known known = KNOWN.get(counter);
    if (known == null) {
      return new Metric(prefix + withoutKind(kind, withoutSuffix(snakeCase(counter), "_count")),
          Type.UNTYPED, "Flume counter " + counter + " of " + kind.toLowerCase(Locale.ROOT)
              + " components, as the component reports it (not one FlumeLab describes).", 1);
    }
    String name = known.name() != null ? known.name()
        : withoutKind(kind, withoutSuffix(snakeCase(counter), "_count")) + "_total";
    return new Metric(prefix + name, known.type(), known.help(), known.scale());
  }

  /** The Flume counter names described here (any other gets the mechanical name). */
  static Set<String> knownCounters() {
    return KNOWN.keySet();
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
