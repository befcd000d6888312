package io.flumelab.core.source.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.FlumeException;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.testing.SourceHarness;
import io.flumelab.core.testing.SourceTesting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The http source answering a real HTTP client, writing into a real memory channel. */
class HttpSourceTest {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  @RegisterExtension
  final SourceHarness harness = new SourceHarness();

  private HttpSource start(int capacity, String... settings) {
    harness.startChannel(capacity);
    return startSource(settings);
  }

  private HttpSource startSource(String... settings) {
    HttpSource source = new HttpSource();
    source.setName("r1");
    source.configure(context(settings));
    return harness.start(source);
  }

  private static Context context(String... settings) {
    return SourceTesting.context(Map.of("bind", "127.0.0.1", "port", "0"), settings);
  }

  private HttpResponse<String> post(HttpSource source, String json) throws Exception {
    return send(source, "POST", json.getBytes(UTF_8), "application/json");
  }

  private HttpResponse<String> send(HttpSource source, String method, byte[] body,
      String contentType) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + source.getLocalAddress().getPort() + "/"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType)
        .method(method, BodyPublishers.ofByteArray(body))
        .build();
    return client.send(request, BodyHandlers.ofString());
  }

  private List<Event> takeAll() {
    return harness.takeAvailable();
  }

  @Test
  void aPostedEventArrivesWithItsHeaders() throws Exception {
    HttpSource source = start(100);

    HttpResponse<String> response =
        post(source, "[{\"headers\":{\"a\":\"b\",\"n\":5},\"body\":\"text\"}]");

    assertThat(response.statusCode()).isEqualTo(200);
    List<Event> events = takeAll();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getHeaders()).isEqualTo(Map.of("a", "b", "n", "5"));
    assertThat(new String(events.get(0).getBody(), UTF_8)).isEqualTo("text");
  }

  @Test
  void aBatchIsOneTransactionAndIsCounted() throws Exception {
    HttpSource source = start(100);

    HttpResponse<String> response = post(source, "[{\"headers\":{\"host\":\"h1\"},\"body\":\"1\"},"
        + "{\"body\":\"2\"},{\"headers\":{}}]");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(takeAll()).extracting(e -> new String(e.getBody(), UTF_8))
        .containsExactly("1", "2", "");
    SourceCounter counter = source.getCounter();
    assertThat(counter.getEventReceivedCount()).isEqualTo(3);
    assertThat(counter.getEventAcceptedCount()).isEqualTo(3);
    assertThat(counter.snapshot()).containsEntry("AppendBatchAcceptedCount", 1L);
  }

  @Test
  void malformedJsonIsAnswered400WithWhereAndNothingIsCommitted() throws Exception {
    HttpSource source = start(100);

    HttpResponse<String> response = post(source, "[{\"body\":\"ok\"}, {\"body\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("Bad request from client. Request has invalid JSON "
        + "syntax").contains("line 1");
    assertThat(harness.channel().size()).isZero();
    assertThat(source.getCounter().getEventReadFail()).isEqualTo(1);
  }

  @Test
  void jsonThatIsNotAListOfEventsIsAnswered400() throws Exception {
    HttpSource source = start(100);

    assertThat(post(source, "{\"body\":\"x\"}").body()).contains("is not a JSON array");
    assertThat(post(source, "[\"x\"]").body()).contains("event 1 is not a JSON object");
    assertThat(post(source, "[{\"body\":{\"a\":1}}]").body())
        .contains("\"body\" of event 1 is not a string");
    assertThat(post(source, "").statusCode()).isEqualTo(400);
    assertThat(harness.channel().size()).isZero();
  }

  @Test
  void aFullChannelIsAnswered503AndNothingOfTheBatchIsCommitted() throws Exception {
    HttpSource source = start(2);

    HttpResponse<String> refused =
        post(source, "[{\"body\":\"1\"},{\"body\":\"2\"},{\"body\":\"3\"}]");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("Channel might be full");
    assertThat(harness.channel().size()).isZero();
    assertThat(source.getCounter().getChannelWriteFail()).isEqualTo(1);
    assertThat(source.getCounter().getEventAcceptedCount()).isZero();

    assertThat(post(source, "[{\"body\":\"1\"},{\"body\":\"2\"}]").statusCode()).isEqualTo(200);
    assertThat(harness.channel().size()).isEqualTo(2);
  }

  @Test
  void theCharsetOfTheContentTypeIsUsedForTextAndBody() throws Exception {
    HttpSource source = start(100);
    Charset utf16 = StandardCharsets.UTF_16;

    HttpResponse<String> response = send(source, "POST",
        "[{\"headers\":{\"k\":\"vä\"},\"body\":\"héllo\"}]".getBytes(utf16),
        "application/json; charset=UTF-16");

    assertThat(response.statusCode()).isEqualTo(200);
    Event event = takeAll().get(0);
    assertThat(event.getHeaders()).containsEntry("k", "vä");
    assertThat(event.getBody()).isEqualTo("héllo".getBytes(utf16));
  }

  @Test
  void anUnsupportedCharsetIsABadRequest() throws Exception {
    HttpSource source = start(100);

    HttpResponse<String> response = send(source, "POST", "[]".getBytes(UTF_8),
        "application/json; charset=ISO-8859-1");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("UTF-8, UTF-16 and UTF-32 only");
  }

  @Test
  void getIsHandledLikePostAndOtherMethodsAreNotAllowed() throws Exception {
    HttpSource source = start(100);

    assertThat(send(source, "GET", "[{\"body\":\"g\"}]".getBytes(UTF_8), "application/json")
        .statusCode()).isEqualTo(200);
    HttpResponse<String> put =
        send(source, "PUT", "[{\"body\":\"p\"}]".getBytes(UTF_8), "application/json");

    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("POST, GET");
    assertThat(takeAll()).extracting(e -> new String(e.getBody(), UTF_8)).containsExactly("g");
  }

  @Test
  void aPortInUseIsReportedWithTheFix() {
    HttpSource first = start(100);
    int port = first.getLocalAddress().getPort();

    assertThatThrownBy(() -> startSource("port", String.valueOf(port)))
        .isInstanceOf(FlumeException.class)
        .hasMessageContaining("Http source r1 cannot listen on 127.0.0.1:" + port
            + ": Address already in use")
        .hasMessageContaining(".port)");
  }

  @Test
  void flumesHandlerNameAndOurOwnHandlersWork() throws Exception {
    HttpSource flumeNamed = start(100, "handler", "org.apache.flume.source.http.JSONHandler");
    assertThat(flumeNamed.handler()).isInstanceOf(HttpJsonHandler.class);
    harness.stop(flumeNamed);

    HttpSource custom = startSource("handler", LinesHandler.class.getName(),
        "handler.tag", "t1");
    assertThat(send(custom, "POST", "a\nb".getBytes(UTF_8), "text/plain").statusCode())
        .isEqualTo(200);
    assertThat(takeAll()).extracting(e -> new String(e.getBody(), UTF_8) + e.getHeaders())
        .containsExactly("a{tag=t1}", "b{tag=t1}");
  }

  @Test
  void theUserGuidesExampleChecksCleanWithJettySettingsIgnored() {
    String config = """
        a1.sources = r1
        a1.channels = c1
        a1.sources.r1.type = http
        a1.sources.r1.port = 5140
        a1.sources.r1.channels = c1
        a1.sources.r1.handler = org.apache.flume.source.http.JSONHandler
        a1.sources.r1.handler.nickname = random props
        a1.sources.r1.HttpConfiguration.sendServerVersion = false
        a1.sources.r1.ServerConnector.idleTimeout = 300
        a1.channels.c1.type = memory
        a1.sinks = k1
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        """;

    CheckReport report = AgentConfigurations.check("http.conf", config, "a1",
        AgentConfigurations.Options.defaults());

    assertThat(report.errors()).isEmpty();
  }

  @Test
  void configurationErrorsNameTheKey() {
    HttpSource source = new HttpSource();
    source.setName("r1");
    assertThatThrownBy(() -> source.configure(new Context(Map.of())))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("port"));
    assertThatThrownBy(() -> source.configure(context("enableSSL", "true")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("enableSSL");
          assertThat(e.getMessage()).contains("SSL is not supported");
        });
    assertThatThrownBy(() -> source.configure(
        context("handler", "org.apache.flume.sink.solr.morphline.BlobHandler")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("handler");
          assertThat(e.getFix()).contains("JSON handler only");
        });
    assertThatThrownBy(() -> source.configure(context("handler", String.class.getName())))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getMessage()).contains("does not implement"));
  }

  /** A handler of our own: one event per line, tagged from handler.tag. */
  public static class LinesHandler implements HttpSourceHandler {
    private String tag;

    @Override
    public void configure(Context context) {
      tag = context.getString("tag");
    }

    @Override
    public List<Event> getEvents(HttpSourceRequest request) {
      List<Event> events = new ArrayList<>();
      for (String line : new String(request.body(), UTF_8).split("\n")) {
        events.add(EventBuilder.withBody(line.getBytes(UTF_8), new HashMap<>(Map.of("tag", tag))));
      }
      return events;
    }
  }
}
