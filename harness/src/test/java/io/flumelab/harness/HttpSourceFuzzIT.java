package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent (http → memory channel → file_roll) under thousands of malformed requests (random
 * methods and paths, bad JSON, wrong content types, huge declared lengths, truncated bodies, more
 * events than a transaction takes, garbage instead of HTTP) interleaved with well-formed POSTs
 * whose 200 the test records. The agent must stay up, stay under {@value #RSS_BOUND_MB} MB
 * resident, and deliver every acknowledged event exactly once.
 */
@ExtendWith(AgentExtension.class)
class HttpSourceFuzzIT {

  /**
   * The agent runs with -Xmx256m (the harness's test JVM options), so its body budget is the
   * 64 MiB of one largest request; heap, Netty's direct buffers and the JVM's own memory stay well
   * under this while bodies of up to 8 MB arrive from four clients at once.
   */
  static final int RSS_BOUND_MB = 500;
  private static final int ACTIONS = 15_000;
  private static final Duration FUZZ_TIME = Duration.ofSeconds(20);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String[] METHODS = {"PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
      "CONNECT", "FOO", "post", "G\u00c9T", "P\u0001ST", ""};
  private static final String[] CONTENT_TYPES = {"text/plain", "application/xml",
      "multipart/form-data; boundary=x", "application/octet-stream", "image/png", "json",
      "application/json; charset=ISO-8859-1", "application/json; charset=nope", ";;;", "\u00ff"};

  @TempDir
  Path dir;

  private int port;
  private SourceFuzz fuzz;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void malformedRequestsNeitherStopTheAgentNorLoseOrDoubleAcknowledgedEvents(Agents agents)
      throws Exception {
    port = TestJobs.freePort();
    Path sinkDir = Files.createDirectories(dir.resolve("out"));
    Path job = TestJobs.write(dir.resolve("http-fuzz.conf"), "a1", "http",
        Map.of("bind", "127.0.0.1", "port", port),
        "file_roll", Map.of("sink.directory", sinkDir, "sink.rollInterval", 0));
    Files.writeString(job, "a1.channels.c1.capacity = 20000\n", StandardOpenOption.APPEND);
    AgentProcess agent = agents.start("a1", job).awaitListening("127.0.0.1", port);

    try (SourceFuzz run = new SourceFuzz()) {
      fuzz = run;
      run.watchMemory(agent.pid());
      Map<SourceFuzz.Step, Integer> steps = new LinkedHashMap<>();
      steps.put(this::wellFormedPost, 6);
      steps.put(this::randomMethodAndPath, 2);
      steps.put(this::badJson, 2);
      steps.put(this::wrongContentType, 2);
      steps.put(this::hugeDeclaredLength, 1);
      steps.put(this::truncatedBody, 2);
      steps.put(this::tooManyEvents, 1);
      steps.put(this::garbageInsteadOfHttp, 2);
      steps.put(this::bigBadBody, 1);
      run.run(4, ACTIONS, FUZZ_TIME, steps);

      assertThat(post(run.nextBody())).as("the agent still answers " + run.replay())
          .isEqualTo(200);
      assertThat(agent.isAlive()).as("the agent is up " + run.replay()).isTrue();
      run.assertDeliveredExactlyOnce(sinkDir);
      System.out.printf("Http fuzz: %d malformed requests, %d acknowledged events, peak RSS %d MB "
          + "(bound %d MB) %s%n", run.malformedCount(), run.acknowledgedCount(),
          run.peakRssKb() / 1024, RSS_BOUND_MB, run.replay());
      assertThat(run.acknowledgedCount()).as("acknowledged events " + run.replay())
          .isGreaterThan(100);
      assertThat(run.malformedCount()).as("malformed requests " + run.replay())
          .isGreaterThan(1000);
      assertThat(run.peakRssKb() / 1024).as("peak resident MB " + run.replay())
          .isLessThan(RSS_BOUND_MB);
    }
  }

  /** 1 to 20 unique events in one POST; all recorded when it is answered 200. */
  private void wellFormedPost(Random random) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = random.nextInt(20); i >= 0; i--) {
      bodies.add(fuzz.nextBody());
    }
    if (post(bodies.toArray(String[]::new)) == 200) {
      fuzz.acknowledged(bodies);
    }
  }

  /** POSTs the events; the status, or -1 if no answer came. */
  private int post(String... bodies) throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (String body : bodies) {
      json.append(json.length() > 1 ? "," : "").append("{\"headers\":{\"fuzz\":\"1\"},\"body\":\"")
          .append(body).append("\"}");
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .timeout(TIMEOUT).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json.append(']').toString())).build();
    try {
      return client.send(request, BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      // no answer: the events may or may not have been committed, and are not recorded
      return -1;
    }
  }

  private void randomMethodAndPath(Random random) throws IOException {
    String method = METHODS[random.nextInt(METHODS.length)];
    byte[] path = SourceFuzz.randomBytes(random, random.nextBoolean() ? 100 : 6000);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes((method + " /").getBytes(StandardCharsets.ISO_8859_1));
    request.writeBytes(path);
    request.writeBytes(" HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n[]"
        .getBytes(StandardCharsets.ISO_8859_1));
    exchange(request.toByteArray(), true);
  }

  private void badJson(Random random) throws IOException {
    String[] bad = {"[", "{\"body\":\"x\"}", "[{\"body\":{\"a\":1}}]", "[1,2,3]", "null",
        "[{\"headers\":[1]}]", "[{\"body\":\"x\"}]]", "\u0000", "[{\"body\":\"\\uZZZZ\"}]"};
    byte[] body = random.nextBoolean()
        ? bad[random.nextInt(bad.length)].getBytes(StandardCharsets.UTF_8)
        : SourceFuzz.randomBytes(random, 4096);
    exchange(request("POST", "application/json", body.length, body), true);
  }

  private void wrongContentType(Random random) throws IOException {
    byte[] body = ("[{\"body\":\"" + fuzz.nextBody() + "\"}]").getBytes(StandardCharsets.UTF_8);
    exchange(request("POST", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], body.length,
        body), true);
  }

  /** A length of up to 2^62 declared, with or without Expect: 100-continue, then a little. */
  private void hugeDeclaredLength(Random random) throws IOException {
    long declared = (64L << 20) + 1 + (random.nextLong() >>> 2);
    String head = "POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
        + (random.nextBoolean() ? "Expect: 100-continue\r\n" : "")
        + "Content-Length: " + declared + "\r\n\r\n";
    exchange((head + "[{\"body\":").getBytes(StandardCharsets.ISO_8859_1), true);
  }

  /** A body cut short by a disconnect: nothing of it may be committed. */
  private void truncatedBody(Random random) throws IOException {
    String body = "[{\"body\":\"" + fuzz.nextBody() + "\"}]" + " ".repeat(random.nextInt(200_000));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    byte[] request = request("POST", "application/json", bytes.length + 1 + random.nextInt(1000),
        bytes);
    exchange(request, false);
  }

  /** More events than the channel's transactionCapacity (100): answered 413, never committed. */
  private void tooManyEvents(Random random) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 101 + random.nextInt(200); i++) {
      json.append(i > 0 ? "," : "").append("{\"body\":\"").append(fuzz.nextBody()).append("\"}");
    }
    byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    exchange(request("POST", "application/json", body.length, body), true);
  }

  private void garbageInsteadOfHttp(Random random) throws IOException {
    exchange(SourceFuzz.randomBytes(random, 16_384), random.nextBoolean());
  }

  /** 1 to 8 MB of bad JSON: the memory it takes must be given back. */
  private void bigBadBody(Random random) throws IOException {
    byte[] body = new byte[(1 << 20) + random.nextInt(7 << 20)];
    body[0] = '[';
    for (int i = 1; i < body.length; i++) {
      body[i] = (byte) '{';
    }
    exchange(request("POST", "application/json", body.length, body), true);
  }

  private static byte[] request(String method, String contentType, long length, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + " / HTTP/1.1\r\nHost: h\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Sends the bytes on a new connection; reads the status line if asked, then disconnects. */
  private void exchange(byte[] bytes, boolean readAnswer) throws IOException {
    fuzz.malformedSent();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis()); // a guard against hanging, never a pause
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      // the end of input tells the agent no more is coming, so an incomplete request ends now
      socket.shutdownOutput();
      if (readAnswer) {
        InputStream in = socket.getInputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
          // the status line only: what it says is not the point, that one comes is
        }
      }
    } catch (SocketException | SocketTimeoutException e) {
      // the agent may close a connection it refused while the rest is still being written
    }
  }
}
