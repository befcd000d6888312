package io.flumelab.core.source.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.FlumeException;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.spi.HttpBadRequestException;
import io.flumelab.core.spi.HttpSourceHandler;
import io.flumelab.core.spi.HttpSourceRequest;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.testing.LogCapture;
import io.flumelab.core.testing.SourceHarness;
import io.flumelab.core.testing.SourceTesting;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The http source answering a real HTTP client, writing into a real memory channel. */
class HttpSourceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

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

  private HttpSource startSource100(String... settings) {
    harness.startChannel(100);
    return startSource(settings);
  }

  private static URI uri(HttpSource source) {
    return URI.create("http://127.0.0.1:" + source.getLocalAddress().getPort() + "/");
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
    HttpSource source = start(3);
    assertThat(post(source, "[{\"body\":\"1\"},{\"body\":\"2\"}]").statusCode()).isEqualTo(200);

    HttpResponse<String> refused = post(source, "[{\"body\":\"3\"},{\"body\":\"4\"}]");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("Channel might be full");
    assertThat(harness.channel().size()).isEqualTo(2);
    assertThat(source.getCounter().getChannelWriteFail()).isEqualTo(1);
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(2);

    assertThat(takeAll()).hasSize(2);
    assertThat(post(source, "[{\"body\":\"3\"},{\"body\":\"4\"}]").statusCode()).isEqualTo(200);
    assertThat(harness.channel().size()).isEqualTo(2);
  }

  @Test
  void moreEventsThanTheChannelTakesInOneTransactionIsA413NamingTheLimit() throws Exception {
    harness.startChannel(Map.of("capacity", "10", "transactionCapacity", "2", "keep-alive", "0"));
    HttpSource source = startSource();

    HttpResponse<String> refused =
        post(source, "[{\"body\":\"1\"},{\"body\":\"2\"},{\"body\":\"3\"}]");

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.body()).contains("3 events", "channel c1", "transactionCapacity = 2",
        "Send at most 2 events per request", "raise the transactionCapacity of channel c1");
    assertThat(harness.channel().size()).isZero();
    assertThat(post(source, "[{\"body\":\"1\"},{\"body\":\"2\"}]").statusCode()).isEqualTo(200);
  }

  @Test
  void aContentTypeThatIsNotJsonIsAnswered415AndNothingIsCommitted() throws Exception {
    HttpSource source = start(100);
    byte[] events = "[{\"body\":\"x\"}]".getBytes(UTF_8);

    for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=b",
        "application/octet-stream")) {
      HttpResponse<String> refused = send(source, "POST", events, type);
      assertThat(refused.statusCode()).as(type).isEqualTo(415);
      assertThat(refused.body()).as(type).contains("is not JSON", "application/json");
    }

    assertThat(harness.channel().size()).isZero();
    assertThat(source.getCounter().getEventReadFail()).isEqualTo(4);
  }

  @Test
  void jsonTypesNoTypeAndCurlsFormTypeAreRead() throws Exception {
    HttpSource source = start(100);
    byte[] events = "[{\"body\":\"x\"}]".getBytes(UTF_8);

    for (String type : List.of("application/json", "Application/JSON; charset=utf-8",
        "text/json", "application/cloudevents-batch+json", "application/x-www-form-urlencoded")) {
      assertThat(send(source, "POST", events, type).statusCode()).as(type).isEqualTo(200);
    }
    HttpResponse<String> untyped = client.send(HttpRequest.newBuilder(uri(source))
        .POST(BodyPublishers.ofByteArray(events)).build(), BodyHandlers.ofString());
    assertThat(untyped.statusCode()).isEqualTo(200);

    assertThat(takeAll()).hasSize(6);
  }

  @Test
  void aBodyLongerThanMaxRequestBytesIsAnswered413() throws Exception {
    HttpSource source = start(100, "maxRequestBytes", "1000");

    try (RawHttp raw = new RawHttp(source)) {
      raw.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1001\r\n\r\n");
      assertThat(raw.statusLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      assertThat(raw.body()).contains("1001 bytes", "maxRequestBytes = 1000");
    }
    assertThat(post(source, "[{\"body\":\"" + "x".repeat(900) + "\"}]").statusCode())
        .isEqualTo(200);
  }

  @Test
  void aChunkedBodyGrowingPastMaxRequestBytesIsAnswered413() throws Exception {
    HttpSource source = start(100, "maxRequestBytes", "1000");

    try (RawHttp raw = new RawHttp(source)) {
      raw.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "258\r\n" + " ".repeat(600) + "\r\n258\r\n" + " ".repeat(600) + "\r\n");
      assertThat(raw.statusLine()).startsWith("HTTP/1.1 413");
      assertThat(raw.closed()).isTrue();
    }
    assertThat(source.budget().reserved()).isZero();
  }

  @Test
  void expectContinueWithATooLongBodyIsAnswered413WithoutContinue() throws Exception {
    HttpSource source = start(100);

    try (RawHttp raw = new RawHttp(source)) {
      raw.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
          + "Expect: 100-continue\r\nContent-Length: " + (65L << 20) + "\r\n\r\n");
      assertThat(raw.statusLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
  }

  @Test
  void expectContinueWithABodyThatFitsIsContinuedAndRead() throws Exception {
    HttpSource source = start(100);
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(source))
        .expectContinue(true).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString("[{\"body\":\"c\"}]")).build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(takeAll()).hasSize(1);
  }

  @Test
  void aBodyBeyondWhatIsBeingReadIsAnswered503UntilTheOthersAreDone() throws Exception {
    HttpSource source =
        start(100, "maxRequestBytes", "100000", "maxReadBytes", "200000");
    String events = "[{\"body\":\"big\"}]";
    String padded = events + " ".repeat(100_000 - events.length());
    String head = "POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100000\r\n\r\n";

    try (RawHttp first = new RawHttp(source); RawHttp second = new RawHttp(source);
        RawHttp third = new RawHttp(source)) {
      first.send(head + padded.substring(0, 50_000));
      second.send(head + padded.substring(0, 50_000));
      await().atMost(WAIT).until(() -> source.budget().reserved() == 200_000);

      third.send(head);
      assertThat(third.statusLine()).isEqualTo("HTTP/1.1 503 Service Unavailable");
      assertThat(third.headers()).contains("retry-after: 1");
      assertThat(third.body()).contains("maxReadBytes");

      first.send(padded.substring(50_000));
      second.send(padded.substring(50_000));
      assertThat(first.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(second.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      // the refused body is read and dropped: the connection serves the next request
      third.send(padded + head + padded);
      assertThat(third.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    }
    assertThat(takeAll()).hasSize(3);
    await().atMost(WAIT).until(() -> source.budget().reserved() == 0);
  }

  @Test
  void aStalledUploadIsClosedAfterIdleTimeoutAndGivesItsBudgetBack() throws Exception {
    HttpSource source = start(100, "maxRequestBytes", "100000", "maxReadBytes", "100000",
        "idleTimeout", "300");
    String head = "POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100000\r\n\r\n";

    try (RawHttp stalled = new RawHttp(source)) {
      stalled.send(head + "[{\"body\":");
      await().atMost(WAIT).until(() -> source.budget().reserved() == 100_000);

      assertThat(stalled.closed()).isTrue();
      await().atMost(WAIT).until(() -> source.budget().reserved() == 0);
    }
    assertThat(post(source, "[{\"body\":\"next\"}]").statusCode()).isEqualTo(200);
  }

  @Test
  void concurrentBigRequestsAreEachCommittedOrAnswered503AndTheBudgetIsGivenBack()
      throws Exception {
    HttpSource source = start(1000, "maxRequestBytes", "1000000",
        "maxReadBytes", "2000000");
    int requests = 12;
    List<CompletableFuture<HttpResponse<String>>> answers =
        new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      String json = "[{\"body\":\"" + i + ":" + "x".repeat(999_000) + "\"}]";
      answers.add(client.sendAsync(HttpRequest.newBuilder(uri(source))
          .header("Content-Type", "application/json").timeout(WAIT)
          .POST(BodyPublishers.ofString(json)).build(), BodyHandlers.ofString()));
    }

    List<Integer> statuses = new ArrayList<>();
    for (var answer : answers) {
      HttpResponse<String> response = answer.get();
      statuses.add(response.statusCode());
      if (response.statusCode() == 503) {
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      }
    }

    assertThat(statuses).containsOnly(200, 503).contains(200);
    assertThat(takeAll()).hasSize((int) statuses.stream().filter(s -> s == 200).count());
    await().atMost(WAIT).until(() -> source.budget().reserved() == 0);
  }

  @Test
  void wireValuesInWarningsAreQuotedAndCut() throws Exception {
    HttpSource source = start(100);
    String path = "/%0A2024-01-01%20forged?" + "p".repeat(2000);

    try (LogCapture log = LogCapture.attach(HttpSource.class, Level.WARN);
        RawHttp raw = new RawHttp(source)) {
      // 0x9B is the 8-bit form of the terminal's control sequence introducer, ESC [
      raw.send("POST " + path + " HTTP/1.1\r\nHost: h\r\nContent-Type: text/xml\u009b2J\r\n"
          + "Content-Length: 2\r\n\r\n[]");
      assertThat(raw.statusLine()).startsWith("HTTP/1.1 415");

      assertThat(log.lines()).singleElement().asString()
          .contains("\"POST\" \"/%0A2024-01-01%20forged?ppp", "more characters)",
              "Content-Type \"text/xml\\u009b2J\"")
          .doesNotContain("\u009b")
          .hasSizeLessThan(1000);
    }
  }

  @Test
  void aBadRequestReasonQuotingTheBodyIsEscapedAndCutInTheLog() throws Exception {
    HttpSource source = startSource100("handler", EchoingRefusal.class.getName());
    String body = "x\n2024-01-01 00:00:00 INFO forged line " + "a".repeat(100_000);

    try (LogCapture log = LogCapture.attach(HttpSource.class, Level.WARN)) {
      HttpResponse<String> refused = send(source, "POST", body.getBytes(UTF_8), "text/plain");

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(log.lines()).singleElement().asString()
          .contains("\"cannot read x\\n2024-01-01 00:00:00 INFO forged line aaa")
          .doesNotContain("\n")
          .hasSizeLessThan(1000);
    }
  }

  @Test
  void badRequestsAreWarnedAboutOncePerIntervalAndAllCounted() throws Exception {
    HttpSource source = start(100);

    try (LogCapture log = LogCapture.attach(HttpSource.class, Level.WARN)) {
      for (int i = 0; i < 5; i++) {
        assertThat(post(source, "[{").statusCode()).isEqualTo(400);
      }

      assertThat(log.lines()).singleElement().asString().contains("invalid JSON syntax");
    }
    assertThat(source.getCounter().getEventReadFail()).isEqualTo(5);
    assertThat(source.badRequestLog().suppressed()).isEqualTo(4);
  }

  @Test
  void theBodyBudgetMayNotBeSmallerThanOneRequest() {
    HttpSource source = new HttpSource();
    source.setName("r1");

    assertThatThrownBy(() -> source.configure(context("maxRequestBytes", "1000",
        "maxReadBytes", "999")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("maxReadBytes");
          assertThat(e.getFix()).contains("at least 1000");
        });
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

  /** A handler refusing every request with a reason that quotes the whole body. */
  public static class EchoingRefusal implements HttpSourceHandler {
    @Override
    public void configure(Context context) {}

    @Override
    public List<Event> getEvents(HttpSourceRequest request) {
      throw new HttpBadRequestException("cannot read " + new String(request.body(), UTF_8));
    }
  }

  /**
   * A client speaking HTTP/1.1 by hand over a real socket, for what HttpClient will not send:
   * a head without its body, a body in pieces, control characters in the request line.
   */
  private static final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private String headers = "";

    RawHttp(HttpSource source) throws IOException {
      socket = new Socket("127.0.0.1", source.getLocalAddress().getPort());
      socket.setSoTimeout((int) WAIT.toMillis()); // a guard against hanging, never a pause
      in = socket.getInputStream();
    }

    void send(String text) throws IOException {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }

    /** Reads the next response's status line and headers. */
    String statusLine() throws IOException {
      String status = line();
      StringBuilder all = new StringBuilder();
      for (String header = line(); !header.isEmpty(); header = line()) {
        all.append(header.toLowerCase(Locale.ROOT)).append('\n');
      }
      headers = all.toString();
      return status;
    }

    /** The headers of the response read last, names in lower case, one a line. */
    String headers() {
      return headers;
    }

    /** The body of the response read last. */
    String body() throws IOException {
      int length = Integer.parseInt(headers.lines()
          .filter(h -> h.startsWith("content-length:")).findFirst().orElseThrow()
          .substring("content-length:".length()).trim());
      return new String(in.readNBytes(length), UTF_8);
    }

    /** Whether the server closes the connection after the response read last. */
    boolean closed() throws IOException {
      try {
        in.readAllBytes(); // returns at the end of the stream, times out if it stays open
        return true;
      } catch (SocketTimeoutException open) {
        return false;
      } catch (SocketException reset) {
        return true;
      }
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed after '" + line + "'");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
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
