package io.flumelab.core.monitor;

import io.flumelab.core.monitor.PrometheusNames.Metric;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.MonitoredAgent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counters in Prometheus' text exposition format 0.0.4: per metric family one {@code # HELP} and
 * one {@code # TYPE} line, then one sample per component, labelled {@code agent}, {@code component}
 * (its name) and {@code type} (its configured type, else its kind):
 * {@code flume_channel_size{agent="a1",component="c1",type="memory"} 0}. Names: {@link PrometheusNames}.
 */
public final class PrometheusText {

  /** The Content-Type of this format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  /** One metric family: every component's sample of one counter. */
  private record Family(Metric metric, List<String> samples, Set<String> components) {}

  public static String of(MonitoredAgent agent, List<ComponentCounter> counters) {
    Map<String, Family> families = new LinkedHashMap<>();
    for (ComponentCounter counter : counters) {
      String labels = "{agent=\"" + PrometheusNames.escapeLabelValue(agent.name())
          + "\",component=\"" + PrometheusNames.escapeLabelValue(counter.getName())
          + "\",type=\"" + PrometheusNames.escapeLabelValue(agent.typeOf(counter)) + "\"}";
      for (Map.Entry<String, Object> attribute : counter.attributes().entrySet()) {
        if (!(attribute.getValue() instanceof Number value)) {
          continue; // Type, and whatever text a plugin's MBean shows
        }
        Metric metric = PrometheusNames.of(counter, attribute.getKey());
        Family family = families.computeIfAbsent(metric.family(),
            name -> new Family(metric, new ArrayList<>(), new HashSet<>()));
        // two of a plugin's names that map to one family, or one of another type, would make the
        // scrape invalid (a repeated series, a type changing mid-family): the first one is kept
        if (family.metric().type() == metric.type() && family.components().add(labels)) {
          family.samples().add(metric.family() + labels + " " + format(value, metric.scale()));
        }
      }
    }
    StringBuilder out = new StringBuilder();
    families.forEach((name, family) -> {
      out.append("# HELP ").append(name).append(' ')
          .append(PrometheusNames.escapeHelp(family.metric().help())).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(family.metric().type().text())
          .append('\n');
      family.samples().forEach(sample -> out.append(sample).append('\n'));
    });
    return out.toString();
  }

  /**
   * Integers as integers, milliseconds as exact seconds ({@code 1765049096.123}), other values
   * without an exponent; NaN and infinities as Prometheus spells them.
   */
  private static String format(Number value, double scale) {
    if (value instanceof Long || value instanceof Integer) {
      BigDecimal exact = BigDecimal.valueOf(value.longValue());
      return (scale == 1 ? exact : exact.multiply(BigDecimal.valueOf(scale)))
          .stripTrailingZeros().toPlainString();
    }
    double scaled = value.doubleValue() * scale;
    if (Double.isNaN(scaled)) {
      return "NaN";
    }
    if (Double.isInfinite(scaled)) {
      return scaled > 0 ? "+Inf" : "-Inf";
    }
    return BigDecimal.valueOf(scaled).stripTrailingZeros().toPlainString();
  }
}
