package io.flumelab.core.monitor;

import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.MonitoredAgent;
import java.util.List;
import java.util.Locale;

/**
 * The formats {@code /metrics} answers in, and which one a request's {@code Accept} asks for.
 * Flume's JSON is the default, as in Flume: browsers, curl ({@code *}{@code /*}) and Flume's own
 * tools get it. Prometheus' text format is served when the request prefers it to JSON, as a
 * Prometheus server's does: it asks for {@code application/openmetrics-text} first and
 * {@code text/plain;version=0.0.4} next, and takes the latter when offered it.
 */
enum MetricsFormat {
  JSON("application/json; charset=utf-8"),
  PROMETHEUS(PrometheusText.CONTENT_TYPE);

  private final String contentType;

  MetricsFormat(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  String render(MonitoredAgent agent, List<ComponentCounter> counters) {
    return this == JSON ? MetricsJson.of(counters) : PrometheusText.of(agent, counters);
  }

  /**
   * Prometheus' text format when an {@code Accept} range naming it ({@code
   * application/openmetrics-text}, or {@code text/plain} with a {@code version}) has a higher
   * quality than every range JSON matches ({@code application/json}, {@code application/*},
   * {@code *}{@code /*}); otherwise JSON, also when there is no header.
   */
  static MetricsFormat forAccept(String accept) {
    if (accept == null) {
      return JSON;
    }
    double prometheus = 0;
    double json = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
      double quality = 1;
      boolean versioned = false;
      for (int i = 1; i < parts.length; i++) {
        String[] parameter = parts[i].split("=", 2);
        String name = parameter[0].trim().toLowerCase(Locale.ROOT);
        if (name.equals("q") && parameter.length == 2) {
          quality = quality(parameter[1].trim());
        } else if (name.equals("version")) {
          versioned = true;
        }
      }
      if (mediaType.equals("application/openmetrics-text")
          || mediaType.equals("text/plain") && versioned) {
        prometheus = Math.max(prometheus, quality);
      } else if (mediaType.equals("application/json") || mediaType.equals("application/*")
          || mediaType.equals("*/*")) {
        json = Math.max(json, quality);
      }
    }
    return prometheus > json ? PROMETHEUS : JSON;
  }

  private static double quality(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return 0; // a range whose quality cannot be read is not asked for
    }
  }
}
