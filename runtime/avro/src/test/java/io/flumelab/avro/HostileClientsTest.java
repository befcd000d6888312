package io.flumelab.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.testing.LogCapture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What clients can do to the avro source on purpose: write into its log, flood it with warnings,
 * and send more bytes at once than the agent has memory for.
 */
class HostileClientsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void stop() {
    fixtures.close();
  }

  @Test
  void anUnknownMessageNameIsLoggedEscapedAndCut() throws Exception {
    AvroSource source = fixtures.source(fixtures.channel("c1", 10));
    String name = "nope\n12:00:00.000 ERROR (AvroSource) forged line " + "x".repeat(100_000);
    try (LogCapture log = LogCapture.attach(AvroSource.class, Level.INFO);
        RawAvroConnection client = new RawAvroConnection(source.getLocalAddress())) {
      client.send(ByteBufUtil.getBytes(RawAvroConnection.handshakeAndCall(name)));
      ByteBuf response = client.readResponse(true);
      assertThatThrownBy(() -> Calls.readStatus(response))
          .isInstanceOf(Calls.RemoteError.class)
          .hasMessageContaining("nope\\n12:00")
          .hasMessageNotContaining("\n")
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));

      await().atMost(WAIT).until(() -> !log.warnings().isEmpty());
      String warning = log.warnings().get(0);
      assertThat(warning).doesNotContain("\n", "\r").contains("\"nope\\n12:00:00.000 ERROR");
      assertThat(warning).as("the name is cut to a short prefix").hasSizeLessThan(500);
    }
    assertThat(source.getCounter().getEventReadFail()).isEqualTo(1);
  }

  @Test
  void textSentToTheAvroPortIsToldApartFromAHugeFrame() throws Exception {
    AvroSource source = fixtures.source(fixtures.channel("c1", 10));
    try (LogCapture log = LogCapture.attach(AvroSource.class, Level.INFO);
        RawAvroConnection client = new RawAvroConnection(source.getLocalAddress())) {
      client.sendUnframed(
          "GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      assertThat(client.closedByServer()).isTrue();
      await().atMost(WAIT).until(() -> !log.warnings().isEmpty());
      assertThat(log.warnings().get(0))
          .contains("not Flume's avro protocol (counted as EventReadFail): text (\"GET / HTTP/1.1"
              + "\\r\\nHost: h\\r\\n\\r\\n\"): is a netcat, telnet or HTTP client pointed at the"
              + " avro source's port?")
          .doesNotContain("maxFrameBytes");
    }
  }

  @Test
  void manyBadConnectionsGiveOneWarningNotOneEach() throws Exception {
    AvroSource source = fixtures.source(fixtures.channel("c1", 10));
    int bad = 300;
    try (LogCapture log = LogCapture.attach(AvroSource.class, Level.INFO)) {
      for (int i = 0; i < bad; i++) {
        try (RawAvroConnection client = new RawAvroConnection(source.getLocalAddress())) {
          if (i % 2 == 0) {
            client.send("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.closedByServer()).isTrue();
          } else {
            client.send(ByteBufUtil.getBytes(RawAvroConnection.handshakeAndCall("drop" + i)));
            client.readResponse(true).release();
          }
        }
      }
      await().atMost(WAIT).until(() -> source.getCounter().getEventReadFail() == bad);
      // the first is logged; the rest fall within ten seconds of it (two if a slow machine
      // crossed one interval)
      assertThat(log.warnings()).hasSizeBetween(1, 2);
      assertThat(log.warnings().get(0)).contains("Avro source r1");
      assertThat(source.clientWarnings().suppressed()).isGreaterThanOrEqualTo(bad - 2);
    }
  }

  @Test
  void concurrentBigCallsStayWithinTheBudgetAndAreAllDeliveredOnce() throws Exception {
    long budget = 2 * 1024 * 1024;
    MemoryChannel channel = fixtures.channel("c1", 1000);
    AvroSource source = fixtures.source(channel, "maxReadBytes", String.valueOf(budget),
        "maxFrameBytes", String.valueOf(budget / 2), "frameIdleTimeout", "2000");
    InetSocketAddress address = source.getLocalAddress();
    ReadBudget readBudget = source.readBudget();

    // a client that sends most of a big call and then nothing: its bytes are held until the
    // source gives up on it, and the others must not wait for it forever
    RawAvroConnection stalled = new RawAvroConnection(address);
    byte[] stalledCall = RawAvroConnection.appendBatch(true, bigEvents("stalled", 0, 10));
    stalled.sendPart(stalledCall, 600 * 1024);
    await().atMost(WAIT).until(() -> readBudget.used() >= 600 * 1024);

    int bigClients = 6;
    int callsEach = 4;
    ExecutorService pool = Executors.newFixedThreadPool(bigClients + 1);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      List<Future<List<String>>> sent = new ArrayList<>();
      for (int c = 0; c < bigClients; c++) {
        String client = "big" + c;
        sent.add(pool.submit(() -> sendBigCalls(address, client, callsEach)));
      }
      sent.add(pool.submit(smallCalls(group, address)));
      List<String> acknowledged = new ArrayList<>();
      for (Future<List<String>> f : sent) {
        acknowledged.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(acknowledged).hasSize(bigClients * callsEach * 10 + 20 * 5);

      assertThat(readBudget.peak()).as("bytes held at once").isLessThanOrEqualTo(budget)
          .isGreaterThan(budget / 2);
      assertThat(readBudget.waits()).as("reads that waited for the budget").isPositive();

      assertThat(stalled.closedByServer()).isTrue();
      stalled.close();
      await().atMost(WAIT).until(() -> readBudget.used() == 0);

      Map<String, Integer> arrived = new HashMap<>();
      for (List<Event> taken = Fixtures.take(channel, 1000); !taken.isEmpty();
          taken = Fixtures.take(channel, 1000)) {
        taken.forEach(e -> arrived.merge(id(e), 1, Integer::sum));
      }
      assertThat(arrived.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
      assertThat(arrived.values()).allMatch(n -> n == 1);
    } finally {
      pool.shutdownNow();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void aCallAboveMaxFrameBytesClosesItsConnectionWithAClearWarning() throws Exception {
    // maxFrameBytes is not set: it defaults to a share of the heap, cut to the 1 MB budget
    AvroSource source = fixtures.source(fixtures.channel("c1", 10),
        "maxReadBytes", String.valueOf(1024 * 1024));
    try (LogCapture log = LogCapture.attach(AvroSource.class, Level.INFO);
        RawAvroConnection client = new RawAvroConnection(source.getLocalAddress())) {
      // one call twice the size of the whole budget: refused, not waited for
      client.send(RawAvroConnection.appendBatch(true, bigEvents("huge", 0, 23)));
      assertThat(client.closedByServer()).isTrue();
      await().atMost(WAIT).until(() -> !log.warnings().isEmpty());
      assertThat(log.warnings().get(0)).contains("above maxFrameBytes = 1048576",
          "raise maxFrameBytes");
    } catch (IOException e) {
      // the source may close while the client still writes: that is the refusal too
      assertThat(source.getCounter().getEventReadFail()).isEqualTo(1);
    }
    assertThat(source.readBudget().used()).isZero();
    try (RawAvroConnection next = new RawAvroConnection(source.getLocalAddress())) {
      next.send(RawAvroConnection.appendBatch(true, bigEvents("fits", 0, 5)));
      assertThat(Calls.readStatus(next.readResponse(true))).isEqualTo(AvroProtocol.Status.OK);
    }
  }

  @Test
  void aFrameLimitAboveTheBudgetIsAConfigurationError() {
    AvroSource source = new AvroSource();
    source.setName("r1");
    assertThatThrownBy(() -> source.configure(Fixtures.context(Map.of("bind", "0.0.0.0",
        "port", "4141"), "maxReadBytes", "1048576", "maxFrameBytes", "2097152")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("could never be read")
        .extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo("maxFrameBytes");
  }

  /** Events of 90 kB whose bodies start with a unique id. */
  private static List<Event> bigEvents(String client, int call, int n) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] body = new byte[90 * 1024];
      Arrays.fill(body, (byte) '.');
      byte[] id = (client + "-" + call + "-" + i + " ").getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(id, 0, body, 0, id.length);
      events.add(EventBuilder.withBody(body));
    }
    return events;
  }

  private static String id(Event event) {
    String body = new String(event.getBody(), StandardCharsets.US_ASCII);
    return body.substring(0, body.indexOf(' '));
  }

  private static List<String> sendBigCalls(InetSocketAddress address, String client, int calls)
      throws IOException {
    List<String> acknowledged = new ArrayList<>();
    try (RawAvroConnection connection = new RawAvroConnection(address)) {
      for (int call = 0; call < calls; call++) {
        List<Event> events = bigEvents(client, call, 10);
        connection.send(RawAvroConnection.appendBatch(call == 0, events));
        ByteBuf response = connection.readResponse(call == 0);
        if (Calls.readStatus(response) == AvroProtocol.Status.OK) {
          events.forEach(e -> acknowledged.add(id(e)));
        }
      }
    }
    return acknowledged;
  }

  /** Small calls through the real client, each of which must be answered in good time. */
  private static Callable<List<String>> smallCalls(EventLoopGroup group,
      InetSocketAddress address) {
    return () -> {
      List<String> acknowledged = new ArrayList<>();
      try (AvroClient client = AvroClient.connect(group, address, Compression.NONE, 6, 5000)) {
        for (int call = 0; call < 20; call++) {
          List<Event> events = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            events.add(EventBuilder.withBody(("small-" + call + "-" + i + " ")
                .getBytes(StandardCharsets.US_ASCII)));
          }
          assertThat(client.appendBatch(events, 20_000)).isEqualTo(AvroProtocol.Status.OK);
          events.forEach(e -> acknowledged.add(id(e)));
        }
      }
      return acknowledged;
    };
  }
}
