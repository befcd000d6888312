package io.flumelab.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.monitor.PrometheusNames.Metric;
import io.flumelab.core.monitor.PrometheusNames.Type;
import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.CounterSpec;
import io.flumelab.core.spi.CounterSpec.Unit;
import io.flumelab.core.spi.SinkCounter;
import io.flumelab.core.spi.SourceCounter;
import org.junit.jupiter.api.Test;

/**
 * Flume's counter names as Prometheus names, from what each counter's {@link CounterSpec} says,
 * and the text format's escapes. (docs/monitoring.md's table of every built-in counter is checked
 * in runtime/launcher, which sees every module's counters: {@code CounterDocsTest}.)
 */
class PrometheusNamesTest {

  @Test
  void flumesCountersBecomeCountersWithTheKindAndTotal() {
    assertThat(PrometheusNames.of(new ChannelCounter("c1"), "EventPutSuccessCount"))
        .isEqualTo(new Metric("flume_channel_event_put_success_total", Type.COUNTER,
            "Events put and committed.", 1));
    assertThat(PrometheusNames.of(new SinkCounter("k1"), "EventDrainSuccessCount").family())
        .isEqualTo("flume_sink_event_drain_success_total");
    assertThat(PrometheusNames.of(new SourceCounter("r1"), "EventReadFail").family())
        .isEqualTo("flume_source_event_read_fail_total");
    assertThat(PrometheusNames.of(new SinkCounter("k1"), "ChannelReadFail").family())
        .isEqualTo("flume_sink_channel_read_fail_total");
  }

  @Test
  void sizesCapacitiesPercentagesAndTimesAreGauges() {
    ChannelCounter channel = new ChannelCounter("c1");
    assertThat(PrometheusNames.of(channel, "ChannelSize"))
        .extracting(Metric::family, Metric::type).containsExactly("flume_channel_size", Type.GAUGE);
    assertThat(PrometheusNames.of(channel, "ChannelCapacity").family())
        .isEqualTo("flume_channel_capacity");
    assertThat(PrometheusNames.of(channel, "ChannelFillPercentage").type()).isEqualTo(Type.GAUGE);
    assertThat(PrometheusNames.of(new SourceCounter("r1"), "OpenConnectionCount"))
        .extracting(Metric::family, Metric::type)
        .containsExactly("flume_source_open_connections", Type.GAUGE);
    Metric start = PrometheusNames.of(new SinkCounter("k1"), "StartTime");
    assertThat(start).extracting(Metric::family, Metric::type, Metric::scale)
        .containsExactly("flume_sink_start_time_seconds", Type.GAUGE, 0.001);
  }

  @Test
  void millisecondsAreSecondsWithTheUnitInTheName() {
    CounterSpec timer = CounterSpec.counter("KafkaEventGetTimer", "Time polling, in seconds.")
        .unit(Unit.MILLISECONDS).snakeName("kafka_event_get");
    ComponentCounter channel = new ComponentCounter("CHANNEL", "c1") {
      {
        counter(timer);
      }
    };

    assertThat(PrometheusNames.of(channel, "KafkaEventGetTimer"))
        .isEqualTo(new Metric("flume_channel_kafka_event_get_seconds_total", Type.COUNTER,
            "Time polling, in seconds.", 0.001));
  }

  @Test
  void countersNothingDescribesArePluginsAndGetAMechanicalUntypedName() {
    ComponentCounter plugin = new ComponentCounter("CHANNEL_PROCESSOR", "p1") {
      {
        counter("HTTPRequestCount");
      }
    };
    Metric metric = PrometheusNames.of(plugin, "HTTPRequestCount");

    assertThat(metric.family()).isEqualTo("flume_channel_processor_http_request");
    assertThat(metric.type()).isEqualTo(Type.UNTYPED);
    assertThat(metric.help()).contains("HTTPRequestCount", "channel_processor");
    assertThat(PrometheusNames.of(plugin, "StartTime").type()).isEqualTo(Type.GAUGE);
    SinkCounter sink = new SinkCounter("k1");
    assertThat(PrometheusNames.of(sink, "Points sent/s (UDP)"))
        .extracting(Metric::family, Metric::type)
        .containsExactly("flume_sink_points_sent_s_udp", Type.UNTYPED);
    assertThat(PrometheusNames.of(new SourceCounter("r1"), "Count").family())
        .isEqualTo("flume_source_count");
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
