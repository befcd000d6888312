package io.flumelab.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which format {@code /metrics} answers a request's Accept with. */
class MetricsFormatTest {

  @Test
  void prometheusServersGetTheTextFormat() {
    // Prometheus 2 (scrape.go's scrapeAcceptHeader, Debian's 2.42 among them)
    assertThat(MetricsFormat.forAccept("application/openmetrics-text;version=1.0.0,"
        + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
        + "*/*;q=0.1")).isEqualTo(MetricsFormat.PROMETHEUS);
    // Prometheus 3's default scrape protocols
    assertThat(MetricsFormat.forAccept("application/openmetrics-text;version=1.0.0;"
        + "escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,"
        + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,"
        + "*/*;q=0.1")).isEqualTo(MetricsFormat.PROMETHEUS);
    assertThat(MetricsFormat.forAccept("text/plain; version=0.0.4"))
        .isEqualTo(MetricsFormat.PROMETHEUS);
  }

  @Test
  void everythingElseGetsFlumesJson() {
    assertThat(MetricsFormat.forAccept(null)).isEqualTo(MetricsFormat.JSON);
    assertThat(MetricsFormat.forAccept("*/*")).isEqualTo(MetricsFormat.JSON);
    assertThat(MetricsFormat.forAccept("text/html,application/xhtml+xml,application/xml;q=0.9,"
        + "*/*;q=0.8")).isEqualTo(MetricsFormat.JSON);
    assertThat(MetricsFormat.forAccept("text/plain")).isEqualTo(MetricsFormat.JSON);
    assertThat(MetricsFormat.forAccept("application/json,text/plain;version=0.0.4;q=0.5"))
        .isEqualTo(MetricsFormat.JSON);
    assertThat(MetricsFormat.forAccept("application/openmetrics-text;q=0"))
        .isEqualTo(MetricsFormat.JSON);
  }
}
