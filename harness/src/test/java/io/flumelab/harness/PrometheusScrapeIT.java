package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.harness.PrometheusTools.Family;
import io.flumelab.harness.PrometheusTools.Sample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent started as the course starts it, with HTTP monitoring, scraped over HTTP as a
 * Prometheus server scrapes it: the text is read by the official Python client's parser and linted
 * by promtool, and its counters follow the events sent.
 */
@ExtendWith(AgentExtension.class)
class PrometheusScrapeIT {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /** What Prometheus 2 sends (scrape.go's scrapeAcceptHeader; Debian's 2.42 among them). */
  private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
      + "*/*;q=0.1";
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void countersScrapeAsPrometheusTextThatPrometheusToolsAcceptAndThatFollowTheEvents(
      Agents agents) throws Exception {
    int port = TestJobs.freePort();
    int metricsPort = TestJobs.freePort();
    agents.start("a1", TestJobs.netcatToLogger(dir, port), List.of("-Dflume.monitoring.type=http",
        "-Dflume.monitoring.port=" + metricsPort)).awaitListening("127.0.0.1", port);

    HttpResponse<String> first = get(metricsPort, "/metrics/prometheus", null);
    assertThat(first.headers().firstValue("Content-Type")).hasValue(TEXT_FORMAT);
    Map<String, Family> families = PrometheusTools.parse(first.body());
    assertThat(families.get("flume_source_event_accepted")).extracting(Family::type, Family::help)
        .containsExactly("counter", "Events the source put on its channels (committed).");
    assertThat(families.get("flume_channel_size").type()).isEqualTo("gauge");
    assertThat(families.get("flume_channel_capacity").type()).isEqualTo("gauge");
    assertThat(families.get("flume_sink_start_time_seconds").type()).isEqualTo("gauge");
    assertThat(families.get("flume_sink_event_drain_success").type()).isEqualTo("counter");
    assertThat(families.keySet()).allMatch(name -> name.matches("flume_(source|channel|sink)_[a-z0-9_]+"));
    assertThat(families.values()).allSatisfy(family -> assertThat(family.samples())
        .allSatisfy(sample -> assertThat(sample.labels()).containsOnlyKeys("agent", "component", "type")
            .containsEntry("agent", "a1")));
    assertThat(sample(families, "flume_source_event_accepted_total").labels())
        .containsEntry("component", "r1").containsEntry("type", "netcat");
    assertThat(sample(families, "flume_channel_capacity").labels())
        .containsEntry("component", "c1").containsEntry("type", "memory");
    assertThat(sample(families, "flume_channel_capacity").value()).isEqualTo(100);
    assertThat(sample(families, "flume_sink_event_drain_success_total").labels())
        .containsEntry("component", "k1").containsEntry("type", "logger");
    assertThat(sample(families, "flume_source_event_accepted_total").value()).isZero();
    assertThat(sample(families, "flume_sink_start_time_seconds").value())
        .isGreaterThan(System.currentTimeMillis() / 1000.0 - 600);

    try (LineClient nc = LineClient.connect("127.0.0.1", port)) {
      for (int i = 0; i < 3; i++) {
        nc.send("counted " + i);
        assertThat(nc.readLine(WAIT)).isEqualTo("OK");
      }
    }

    await().atMost(WAIT).untilAsserted(() -> {
      Map<String, Family> now = PrometheusTools.parse(get(metricsPort, "/metrics/prometheus", null)
          .body());
      assertThat(sample(now, "flume_source_event_accepted_total").value()).isEqualTo(3);
      assertThat(sample(now, "flume_channel_event_put_success_total").value()).isEqualTo(3);
      assertThat(sample(now, "flume_sink_event_drain_success_total").value()).isEqualTo(3);
    });
    HttpResponse<String> negotiated = get(metricsPort, "/metrics", PROMETHEUS_ACCEPT);
    assertThat(negotiated.headers().firstValue("Content-Type")).hasValue(TEXT_FORMAT);
    assertThat(negotiated.headers().firstValue("Vary")).hasValue("Accept");
    Map<String, Family> scraped = PrometheusTools.parse(negotiated.body());
    assertThat(scraped.keySet()).isEqualTo(families.keySet());
    assertThat(sample(scraped, "flume_sink_event_drain_success_total").value()).isEqualTo(3);
    PrometheusTools.Lint lint = PrometheusTools.lint(negotiated.body());
    assertThat(lint.output()).as("promtool check metrics").isEmpty();
    assertThat(lint.status()).isZero();

    HttpResponse<String> json = get(metricsPort, "/metrics", null);
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(AgentCounters.read(metricsPort).component("SOURCE.r1", "EventAcceptedCount"))
        .isEqualTo(3);
  }

  /** The one sample of this name (one component has it). */
  private static Sample sample(Map<String, Family> families, String name) {
    List<Sample> samples = families.values().stream().flatMap(family -> family.samples().stream())
        .filter(sample -> sample.name().equals(name)).toList();
    assertThat(samples).as("samples named " + name).hasSize(1);
    return samples.get(0);
  }

  private HttpResponse<String> get(int port, String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT);
    if (accept != null) {
      request.header("Accept", accept);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
    return response;
  }
}
