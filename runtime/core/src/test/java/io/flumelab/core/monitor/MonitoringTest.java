package io.flumelab.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.FlumeException;
import io.flumelab.core.agent.Agent;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.Topology;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.MonitorService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counters over HTTP as Flume's JSON, and as JMX MBeans under Flume's names. */
class MonitoringTest {

  private static final String CONFIG = String.join("\n",
      "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
      "a1.sources.r1.type = seq", "a1.sources.r1.totalEvents = 250", "a1.sources.r1.channels = c1",
      "a1.channels.c1.type = memory", "a1.channels.c1.capacity = 1000",
      "a1.sinks.k1.type = null", "a1.sinks.k1.channel = c1", "");

  private final HttpClient http = HttpClient.newHttpClient();
  private Topology topology;
  private Agent agent;
  private Monitoring monitoring;

  @BeforeEach
  void createAgent() {
    topology = AgentConfigurations.load("monitored.conf", CONFIG, "a1",
        AgentConfigurations.Options.defaults());
    agent = Agent.of(topology);
  }

  @AfterEach
  void stop() {
    if (monitoring != null) {
      monitoring.stop();
    }
    agent.stop(0);
  }

  @Test
  void httpServesEveryComponentsCountersAsFlumesJson() throws Exception {
    int port = start("http", Map.of("port", "0"));
    agent.start();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(metrics(port).get("CHANNEL.c1")).containsEntry("EventTakeSuccessCount", "250"));
    Map<String, Map<String, String>> metrics = metrics(port);
    assertThat(metrics).containsOnlyKeys("SOURCE.r1", "CHANNEL.c1", "SINK.k1");
    assertThat(metrics.get("CHANNEL.c1")).containsEntry("Type", "CHANNEL")
        .containsEntry("ChannelCapacity", "1000").containsEntry("ChannelSize", "0")
        .containsEntry("ChannelFillPercentage", "0.0").containsKeys("StartTime", "StopTime");
    assertThat(metrics.get("SINK.k1")).containsEntry("Type", "SINK")
        .containsEntry("EventDrainSuccessCount", "250");
    assertThat(Long.parseLong(metrics.get("SOURCE.r1").get("StartTime"))).isPositive();
  }

  @Test
  void prometheusTextIsServedOnItsPathAndToWhatAPrometheusServerAccepts() throws Exception {
    int port = start("http", Map.of("port", "0"));
    agent.start();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        get(port, HttpMetricsServer.PROMETHEUS_PATH).body()).contains(
        "flume_channel_event_take_success_total{agent=\"a1\",component=\"c1\",type=\"memory\"} 250\n"));

    HttpResponse<String> own = get(port, HttpMetricsServer.PROMETHEUS_PATH);
    assertThat(own.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(own.body()).contains(
        "# TYPE flume_source_event_accepted_total counter\n"
            + "flume_source_event_accepted_total{agent=\"a1\",component=\"r1\",type=\"seq\"} 250\n",
        "# TYPE flume_channel_size gauge\n",
        "flume_sink_event_drain_success_total{agent=\"a1\",component=\"k1\",type=\"null\"} 250\n");
    // what Prometheus 2 sends (scrape.go's scrapeAcceptHeader)
    HttpResponse<String> negotiated = get(port, "/metrics", "application/openmetrics-text;"
        + "version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assertThat(negotiated.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(negotiated.body()).contains("# TYPE flume_channel_capacity gauge\n");
    HttpResponse<String> curl = get(port, "/metrics", "*/*");
    assertThat(curl.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(curl.body()).startsWith("{\"SOURCE.r1\":{");
  }

  @Test
  void theRootLinksToMetricsAndOtherPathsAreNotFound() throws Exception {
    int port = start("http", Map.of("port", "0"));

    HttpResponse<String> root = get(port, "/");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).contains("<a href = \"./metrics\">",
        "<a href = \"./metrics/prometheus\">");
    assertThat(get(port, "/other").statusCode()).isEqualTo(404);
    HttpResponse<String> options = http.send(HttpRequest.newBuilder(uri(port, "/metrics"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(options.statusCode()).isEqualTo(403);
  }

  @Test
  void byDefaultMetricsAreServedToThisMachineOnly() throws Exception {
    int port = start("http", Map.of("port", "0"));

    HttpMetricsServer server = (HttpMetricsServer) monitoring.reporter();
    assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(get(port, "/metrics").statusCode()).isEqualTo(200);
    // another loopback address stands for a network interface: nothing listens there
    assertThatThrownBy(() -> new Socket("127.0.0.2", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void bindServesTheAddressItNames() throws Exception {
    int port = start("http", Map.of("port", "0", "bind", "0.0.0.0"));

    HttpMetricsServer server = (HttpMetricsServer) monitoring.reporter();
    assertThat(server.address().getAddress().isAnyLocalAddress()).isTrue();
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.2:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("\"CHANNEL.c1\":{");
  }

  @Test
  void aBindThatIsNoAddressOfThisMachineIsNamedWithTheFix() {
    // 192.0.2.0/24 is reserved for documentation: no machine has it
    Monitoring elsewhere = Monitoring.fromProperties(properties("http",
        Map.of("port", "0", "bind", "192.0.2.1")));
    assertThatThrownBy(() -> elsewhere.start(agent::counters)).isInstanceOf(FlumeException.class)
        .hasMessageStartingWith("Cannot serve metrics on 192.0.2.1: it is not an address of this "
            + "machine (-Dflume.monitoring.bind)")
        .hasMessageContaining("-Dflume.monitoring.bind=0.0.0.0 for every interface");
  }

  @Test
  void aPortInUseIsNamedWithTheSettingToChange() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      Monitoring busy = Monitoring.fromProperties(properties("http",
          Map.of("port", String.valueOf(taken.getLocalPort()))));
      assertThatThrownBy(() -> busy.start(agent::counters)).isInstanceOf(FlumeException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + ": it is in use")
          .hasMessageContaining("-Dflume.monitoring.port=<port>");
    }
  }

  @Test
  void aPortThatIsNoNumberIsAConfigurationError() {
    assertThatThrownBy(() -> Monitoring.fromProperties(properties("http", Map.of("port", "web"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("-Dflume.monitoring.port=web is not a port (0 to 65535)");
  }

  @Test
  void unknownTypesSayWhatWorks() {
    assertThatThrownBy(() -> Monitoring.fromProperties(properties("graphite", Map.of())))
        .isInstanceOf(FlumeException.class)
        .hasMessage("flume.monitoring.type=graphite names no reporter: use http, ganglia, or the "
            + "class name of a io.flumelab.core.spi.MonitorService on the agent's classpath");
    // core alone: the Ganglia reporter is a module of its own
    assertThatThrownBy(() -> Monitoring.fromProperties(properties("ganglia", Map.of())))
        .isInstanceOf(FlumeException.class).hasMessage("flume.monitoring.type=ganglia needs the "
            + "module flumelab-ganglia on the agent's classpath (bin/flume-ng has it)");
  }

  @Test
  void aReporterClassGetsTheMonitoringKeysWithoutPrefix() {
    start(RecordingReporter.class.getName(), Map.of("node", "hadoop102:332"));

    RecordingReporter reporter = (RecordingReporter) monitoring.reporter();
    assertThat(reporter.keys).containsExactly(Map.entry("node", "hadoop102:332"));
    assertThat(reporter.counters.get()).extracting(ComponentCounter::getName)
        .containsExactlyInAnyOrder("r1", "c1", "k1");
  }

  @Test
  void countersAreMBeansUnderFlumesNamesWhileMonitored() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName channel = new ObjectName("org.apache.flume.channel:type=c1");
    monitoring = Monitoring.fromProperties(new Properties());
    monitoring.start(agent::counters);
    agent.start();

    await().atMost(Duration.ofSeconds(10)).until(() ->
        (Long) server.getAttribute(channel, "EventTakeSuccessCount") == 250L);
    assertThat(server.getAttribute(channel, "ChannelCapacity")).isEqualTo(1000L);
    assertThat(server.getAttribute(channel, "Type")).isEqualTo("CHANNEL");
    assertThat(server.isRegistered(new ObjectName("org.apache.flume.source:type=r1"))).isTrue();
    assertThat(server.isRegistered(new ObjectName("org.apache.flume.sink:type=k1"))).isTrue();

    monitoring.stop();
    monitoring = null;
    assertThat(server.isRegistered(channel)).isFalse();
  }

  /** A reporter named by class, as custom reporting is configured. */
  public static final class RecordingReporter implements MonitorService {
    final Map<String, String> keys = new HashMap<>();
    Supplier<List<ComponentCounter>> counters;

    @Override
    public void configure(Context context) {
      keys.putAll(context.getParameters());
    }

    @Override
    public void start(Supplier<List<ComponentCounter>> counters) {
      this.counters = counters;
    }

    @Override
    public void stop() {}
  }

  private int start(String type, Map<String, String> keys) {
    monitoring = Monitoring.fromProperties(properties(type, keys));
    monitoring.start(topology.monitored(), agent::counters);
    return monitoring.reporter() instanceof HttpMetricsServer server ? server.port() : -1;
  }

  private static Properties properties(String type, Map<String, String> keys) {
    Properties properties = new Properties();
    properties.setProperty("flume.monitoring.type", type);
    keys.forEach((key, value) -> properties.setProperty("flume.monitoring." + key, value));
    properties.setProperty("java.version", "ignored: not a monitoring key");
    return properties;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(port, path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(port, path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Parses {"TYPE.name":{"key":"value",...},...}, every value a string as Flume writes them. */
  private Map<String, Map<String, String>> metrics(int port) throws Exception {
    HttpResponse<String> response = get(port, "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).get().asString()
        .startsWith("application/json");
    Map<String, Map<String, String>> metrics = new HashMap<>();
    try (JsonParser json = new JsonFactory().createParser(response.body())) {
      assertThat(json.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String component = json.currentName();
        assertThat(json.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        Map<String, String> values = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String key = json.currentName();
          assertThat(json.nextToken()).as(key).isEqualTo(JsonToken.VALUE_STRING);
          values.put(key, json.getText());
        }
        metrics.put(component, values);
      }
    }
    return metrics;
  }
}
