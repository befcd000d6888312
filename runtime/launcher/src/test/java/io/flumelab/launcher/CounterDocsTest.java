package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.monitor.PrometheusNames;
import io.flumelab.core.monitor.PrometheusNames.Metric;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.testkit.ComponentTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/monitoring.md's table of the built-in counters is what the counters of every registered
 * source, channel and sink type declare beside their classes, row for row: each counter with the
 * Prometheus name and type the agent reports it under, and the one type that keeps it where the row
 * names one ({@code channel (file)}).
 */
class CounterDocsTest {

  private static final Path DOCS = Path.of("..", "..", "docs", "monitoring.md");
  /** {@code | `LogFsyncCount` | channel (file) | `flume_channel_log_fsync_total` | counter |} */
  private static final Pattern ROW = Pattern.compile(
      "\\| `(\\w+)` \\| (\\w+)(?: \\((\\w+)\\))? \\| `([\\w<>]+)` \\| (\\w+) \\|");

  /** A counter as the components of one type report it. */
  private record Reported(String kind, String alias, Metric metric) {}

  @Test
  void theDocsTableListsEveryCounterOfEveryRegisteredTypeAsTheAgentReportsIt() throws IOException {
    Map<String, List<Reported>> reported = reportedByName();
    String docs = Files.readString(DOCS);
    String table = docs.substring(docs.indexOf("<!-- prometheus-names:begin -->"),
        docs.indexOf("<!-- prometheus-names:end -->"));
    Matcher row = ROW.matcher(table);
    List<String> documented = new ArrayList<>();
    while (row.find()) {
      String counter = row.group(1);
      String kind = row.group(2);
      List<Reported> reports = reported.getOrDefault(counter, List.of());
      assertThat(reports).as("the types that report %s, which %s lists", counter, DOCS)
          .isNotEmpty();
      for (Reported report : reports) {
        if (!kind.equals("any")) {
          assertThat(report.kind()).as("the kind of %s (%s)", counter, report.alias())
              .isEqualTo(kind);
        }
        assertThat(report.metric().family()).as("the metric of %s %s", report.kind(), counter)
            .isEqualTo(row.group(4).replace("<kind>", report.kind()));
        assertThat(report.metric().type().text()).as("the type of %s", counter)
            .isEqualTo(row.group(5));
      }
      if (row.group(3) != null) {
        assertThat(reports).extracting(Reported::alias).as("the types that keep %s", counter)
            .containsOnly(row.group(3));
      }
      documented.add(counter);
    }
    assertThat(documented).as("the counters %s lists", DOCS)
        .containsExactlyInAnyOrderElementsOf(reported.keySet());
  }

  /**
   * Every numeric value the counters of each registered source, channel and sink type report,
   * by name; each must be described.
   */
  private static Map<String, List<Reported>> reportedByName() {
    Map<String, List<Reported>> reported = new TreeMap<>();
    Set<ComponentKind> counted = Set.of(ComponentKind.SOURCE, ComponentKind.CHANNEL,
        ComponentKind.SINK);
    List<ComponentSpec> specs = ComponentTestKit.ofRegistry().specs().stream()
        .filter(spec -> counted.contains(spec.kind())).collect(Collectors.toList());
    assertThat(specs).as("registered sources, channels and sinks").hasSizeGreaterThan(10);
    for (ComponentSpec spec : specs) {
      if (!(create(spec) instanceof Counted component)) {
        continue;
      }
      ComponentCounter counter = component.getCounter();
      String kind = counter.getType().toLowerCase(Locale.ROOT);
      counter.attributes().forEach((name, value) -> {
        if (value instanceof Number) {
          assertThat(counter.describe(name)).as("what %s of %s %s means", name, kind,
              spec.alias()).isPresent();
          reported.computeIfAbsent(name, n -> new ArrayList<>()).add(
              new Reported(kind, spec.alias(), PrometheusNames.of(counter, name)));
        }
      });
    }
    return reported;
  }

  private static Object create(ComponentSpec spec) {
    try {
      return Class.forName(spec.className()).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot create " + spec.className(), e);
    }
  }
}
