package io.flumelab.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.monitor.PrometheusNames.Metric;
import io.flumelab.core.monitor.PrometheusNames.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Flume's counter names as Prometheus names, and the text format's escapes. */
class PrometheusNamesTest {

  private static final Path DOCS = Path.of("..", "..", "docs", "monitoring.md");
  /** {@code | `EventPutSuccessCount` | channel | `flume_channel_event_put_success_total` | counter |} */
  private static final Pattern ROW = Pattern.compile(
      "\\| `(\\w+)` \\| (\\w+)[^|]*\\| `([\\w<>]+)` \\| (\\w+) \\|");

  @Test
  void flumesCountersBecomeCountersWithTheKindAndTotal() {
    assertThat(PrometheusNames.of("CHANNEL", "EventPutSuccessCount")).isEqualTo(new Metric(
        "flume_channel_event_put_success_total", Type.COUNTER, "Events put and committed.", 1));
    assertThat(PrometheusNames.of("SINK", "EventDrainSuccessCount").family())
        .isEqualTo("flume_sink_event_drain_success_total");
    assertThat(PrometheusNames.of("SOURCE", "EventReadFail").family())
        .isEqualTo("flume_source_event_read_fail_total");
    assertThat(PrometheusNames.of("SINK", "ChannelReadFail").family())
        .isEqualTo("flume_sink_channel_read_fail_total");
  }

  @Test
  void sizesCapacitiesPercentagesAndTimesAreGauges() {
    assertThat(PrometheusNames.of("CHANNEL", "ChannelSize"))
        .extracting(Metric::family, Metric::type).containsExactly("flume_channel_size", Type.GAUGE);
    assertThat(PrometheusNames.of("CHANNEL", "ChannelCapacity").family())
        .isEqualTo("flume_channel_capacity");
    assertThat(PrometheusNames.of("CHANNEL", "ChannelFillPercentage").type()).isEqualTo(Type.GAUGE);
    assertThat(PrometheusNames.of("SOURCE", "OpenConnectionCount"))
        .extracting(Metric::family, Metric::type)
        .containsExactly("flume_source_open_connections", Type.GAUGE);
    Metric start = PrometheusNames.of("SINK", "StartTime");
    assertThat(start).extracting(Metric::family, Metric::type, Metric::scale)
        .containsExactly("flume_sink_start_time_seconds", Type.GAUGE, 0.001);
  }

  @Test
  void millisecondTimersAreSecondsCounters() {
    assertThat(PrometheusNames.of("CHANNEL", "KafkaEventGetTimer"))
        .extracting(Metric::family, Metric::type, Metric::scale)
        .containsExactly("flume_channel_kafka_event_get_seconds_total", Type.COUNTER, 0.001);
  }

  @Test
  void unknownNamesArePluginsAndGetAMechanicalUntypedName() {
    Metric metric = PrometheusNames.of("CHANNEL_PROCESSOR", "HTTPRequestCount");

    assertThat(metric.family()).isEqualTo("flume_channel_processor_http_request");
    assertThat(metric.type()).isEqualTo(Type.UNTYPED);
    assertThat(metric.help()).contains("HTTPRequestCount", "channel_processor");
    assertThat(PrometheusNames.of("SINK", "Points sent/s (UDP)").family())
        .isEqualTo("flume_sink_points_sent_s_udp");
    assertThat(PrometheusNames.of("SOURCE", "Count").family()).isEqualTo("flume_source_count");
  }

  @Test
  void snakeCaseSplitsWordsAcronymsAndDigits() {
    assertThat(PrometheusNames.snakeCase("EventPutSuccessCount"))
        .isEqualTo("event_put_success_count");
    assertThat(PrometheusNames.snakeCase("HTTPRequests")).isEqualTo("http_requests");
    assertThat(PrometheusNames.snakeCase("Log2Writes")).isEqualTo("log2_writes");
    assertThat(PrometheusNames.snakeCase("already_snake")).isEqualTo("already_snake");
    assertThat(PrometheusNames.snakeCase("--")).isEqualTo("unnamed");
  }

  /** docs/monitoring.md's table of the built-in counters is the mapping, row for row. */
  @Test
  void theDocsTableIsTheMapping() throws IOException {
    String docs = Files.readString(DOCS);
    String table = docs.substring(docs.indexOf("<!-- prometheus-names:begin -->"),
        docs.indexOf("<!-- prometheus-names:end -->"));
    Matcher row = ROW.matcher(table);
    Set<String> documented = new HashSet<>();
    while (row.find()) {
      String counter = row.group(1);
      String kind = row.group(2).equals("any") ? "SINK" : row.group(2).toUpperCase(Locale.ROOT);
      Metric metric = PrometheusNames.of(kind, counter);
      assertThat(metric.family()).as(counter)
          .isEqualTo(row.group(3).replace("<kind>", kind.toLowerCase(Locale.ROOT)));
      assertThat(metric.type().text()).as(counter).isEqualTo(row.group(4));
      documented.add(counter);
    }
    assertThat(documented).as("the counters " + DOCS + " lists")
        .containsExactlyInAnyOrderElementsOf(PrometheusNames.knownCounters());
  }

  @Test
  void labelValuesEscapeBackslashQuoteAndNewline() {
    assertThat(PrometheusNames.escapeLabelValue("C:\\flume \"c1\"\nnext"))
        .isEqualTo("C:\\\\flume \\\"c1\\\"\\nnext");
    assertThat(PrometheusNames.escapeHelp("a \"quoted\" \\ help\nline"))
        .isEqualTo("a \"quoted\" \\\\ help\\nline");
  }
}
