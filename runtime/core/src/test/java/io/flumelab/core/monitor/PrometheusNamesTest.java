package io.flumelab.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.monitor.PrometheusNames.Metric;
import io.flumelab.core.monitor.PrometheusNames.Type;
import org.junit.jupiter.api.Test;

/** Flume's counter names as Prometheus names, and the text format's escapes. */
class PrometheusNamesTest {

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

  @Test
  void labelValuesEscapeBackslashQuoteAndNewline() {
    assertThat(PrometheusNames.escapeLabelValue("C:\\flume \"c1\"\nnext"))
        .isEqualTo("C:\\\\flume \\\"c1\\\"\\nnext");
    assertThat(PrometheusNames.escapeHelp("a \"quoted\" \\ help\nline"))
        .isEqualTo("a \"quoted\" \\\\ help\\nline");
  }
}
