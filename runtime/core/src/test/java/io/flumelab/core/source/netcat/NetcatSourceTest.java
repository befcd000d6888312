package io.flumelab.core.source.netcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ChannelFullException;
import io.flumelab.api.ChannelProcessor;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.FlumeException;
import io.flumelab.api.LifecycleState;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetcatSourceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<NetcatSource> sources = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final RecordingProcessor processor = new RecordingProcessor();
  private LogCapture log;

  @BeforeEach
  void captureLog() {
    log = LogCapture.attach(NetcatSource.class.getName(), Level.INFO);
  }

  @AfterEach
  void tearDown() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    for (NetcatSource source : sources) {
      source.stop();
    }
    log.close();
  }

  private NetcatSource start(String... settings) {
    Map<String, String> config = new HashMap<>();
    config.put("bind", "127.0.0.1");
    config.put("port", "0");
    for (int i = 0; i < settings.length; i += 2) {
      config.put(settings[i], settings[i + 1]);
    }
    NetcatSource source = new NetcatSource();
    source.setName("r1");
    source.configure(new Context(config));
    source.setChannelProcessor(processor);
    source.start();
    sources.add(source);
    return source;
  }

  private Socket connect(NetcatSource source) throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.setSoTimeout((int) WAIT.toMillis()); // a guard against hanging, never a pause
    socket.setTcpNoDelay(true);
    socket.connect(source.getLocalAddress());
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    send(socket, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(Socket socket, byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** Reads exactly {@code count} answer lines. */
  private static List<String> answers(Socket socket, int count) throws IOException {
    InputStream in = socket.getInputStream();
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (lines.size() < count) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + lines + " + '" + line + "'");
      }
      if (b == '\n') {
        lines.add(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }
    return lines;
  }

  /** Everything the server sends until it closes the connection. */
  private static String untilClosed(Socket socket) throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void eachLineBecomesAnEventAndIsAcknowledgedOnceCommitted() throws Exception {
    NetcatSource source = start();
    Socket client = connect(source);

    send(client, "hello\nworld\n");

    assertThat(answers(client, 2)).containsExactly("OK", "OK");
    assertThat(processor.bodies()).containsExactly("hello", "world");
    SourceCounter counter = source.getCounter();
    assertThat(counter.getEventReceivedCount()).isEqualTo(2);
    assertThat(counter.getEventAcceptedCount()).isEqualTo(2);
    assertThat(counter.getOpenConnectionCount()).isEqualTo(1);
    assertThat(source.getLifecycleState()).isEqualTo(LifecycleState.START);
  }

  @Test
  void logsWhereItListens() {
    NetcatSource source = start();

    assertThat(log.lines()).contains("INFO Netcat source r1 listening on /127.0.0.1:"
        + source.getLocalAddress().getPort());
  }

  @Test
  void emptyLinesAreEventsWithEmptyBodies() throws Exception {
    NetcatSource source = start();
    Socket client = connect(source);

    send(client, "\n\n");

    assertThat(answers(client, 2)).containsExactly("OK", "OK");
    assertThat(processor.bodies()).containsExactly("", "");
  }

  @Test
  void withoutAckEveryEventNothingIsAnswered() throws Exception {
    NetcatSource source = start("ack-every-event", "false");
    Socket client = connect(source);

    send(client, "one\ntwo\n");
    await().atMost(WAIT).until(() -> processor.bodies().size() == 2);
    source.stop();

    assertThat(untilClosed(client)).isEmpty();
    assertThat(processor.bodies()).containsExactly("one", "two");
  }

  @Test
  void carriageReturnStaysInTheBodyAsInFlume() throws Exception {
    NetcatSource source = start();
    Socket client = connect(source);

    send(client, "telnet line\r\n");

    assertThat(answers(client, 1)).containsExactly("OK");
    assertThat(processor.bodies()).containsExactly("telnet line\r");
  }

  @Test
  void aLineSplitAcrossWritesIsReassembled() throws Exception {
    NetcatSource source = start();
    Socket client = connect(source);

    send(client, "hel");
    send(client, "lo\nwor");
    send(client, "ld\n");

    assertThat(answers(client, 2)).containsExactly("OK", "OK");
    assertThat(processor.bodies()).containsExactly("hello", "world");
  }

  @Test
  void aLongLineIsTruncatedToMaxLineLengthDeliveredAndCounted() throws Exception {
    NetcatSource source = start("max-line-length", "5");
    Socket client = connect(source);

    send(client, "abcdefghij\nxy\n");
    send(client, "12345");
    send(client, "6789");
    send(client, "0\nfits!\n");

    assertThat(answers(client, 4)).containsExactly("OK", "OK", "OK", "OK");
    assertThat(processor.bodies()).containsExactly("abcde", "xy", "12345", "fits!");
    assertThat(source.getCounter().getEventReadFail()).isEqualTo(2);
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(4);
    // warned once per connection, then only counted
    assertThat(log.lines()).filteredOn(line -> line.startsWith("WARN")).singleElement()
        .asString().contains("longer than max-line-length (5 bytes)");
  }

  @Test
  void aHugeLineKeepsExactlyTheFirstMaxLineLengthBytes() throws Exception {
    NetcatSource source = start();
    Socket client = connect(source);
    StringBuilder line = new StringBuilder();
    for (int i = 0; line.length() < 200_000; i++) {
      line.append(i).append(',');
    }

    send(client, line + "\nnext\n");

    assertThat(answers(client, 2)).containsExactly("OK", "OK");
    assertThat(processor.bodies()).containsExactly(line.substring(0, 512), "next");
    assertThat(source.getCounter().getEventReadFail()).isEqualTo(1);
  }

  @Test
  void truncationNeverCutsAMultiByteCharacter() throws Exception {
    NetcatSource source = start("max-line-length", "4");
    Socket client = connect(source);

    send(client, "abcé\nabé\n"); // é is two bytes in UTF-8: the first line has 5 bytes

    assertThat(answers(client, 2)).containsExactly("OK", "OK");
    assertThat(processor.bodies()).containsExactly("abc", "abé");
    assertThat(source.getCounter().getEventReadFail()).isEqualTo(1);
  }

  @Test
  void refusedBatchIsAnsweredFailedAndNeverOk() throws Exception {
    NetcatSource source = start();
    Socket client = connect(source);
    processor.failWith = new ChannelFullException("Space for commit to queue couldn't be acquired");

    send(client, "a\n");
    assertThat(answers(client, 1))
        .containsExactly("FAILED: Space for commit to queue couldn't be acquired");
    send(client, "b\nc\n");
    assertThat(answers(client, 2)).allMatch(answer -> answer.startsWith("FAILED: Space for"));

    processor.failWith = null;
    send(client, "d\n");
    assertThat(answers(client, 1)).containsExactly("OK");

    assertThat(processor.bodies()).containsExactly("d");
    SourceCounter counter = source.getCounter();
    assertThat(counter.getChannelWriteFail()).isGreaterThanOrEqualTo(2);
    assertThat(counter.getEventReceivedCount()).isEqualTo(4);
    assertThat(counter.getEventAcceptedCount()).isEqualTo(1);
  }

  @Test
  void refusalIsAnsweredEvenWithoutAckEveryEvent() throws Exception {
    NetcatSource source = start("ack-every-event", "false");
    Socket client = connect(source);
    processor.failWith = new ChannelFullException("channel c1 is full");

    send(client, "a\n");

    assertThat(answers(client, 1)).containsExactly("FAILED: channel c1 is full");
  }

  @Test
  void badBytesAndBrokenLinesCostOnlyTheirOwnConnection() throws Exception {
    NetcatSource source = start();
    Socket good = connect(source);
    Socket invalidUtf8 = connect(source);
    Socket halfLine = connect(source);
    Socket garbage = connect(source);
    send(good, "first\n");
    assertThat(answers(good, 1)).containsExactly("OK");

    send(invalidUtf8, new byte[] {'o', 'k', '\n', (byte) 0xFF, (byte) 0xFE, 'x', '\n', 'z', '\n'});
    assertThat(untilClosed(invalidUtf8)).isEqualTo("OK\nFAILED: Event is not valid UTF-8 text\n");

    send(halfLine, "no newline yet");
    halfLine.close();

    byte[] noise = new byte[100_000];
    new java.util.Random(42).nextBytes(noise);
    for (int i = 0; i < noise.length; i++) {
      int ascii = noise[i] & 0x7F;
      noise[i] = (byte) (ascii == '\n' ? 0 : ascii); // ASCII noise without newlines
    }
    send(garbage, noise);
    garbage.close();

    SourceCounter counter = source.getCounter();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(counter.getEventReadFail()).isEqualTo(3);
      assertThat(counter.getOpenConnectionCount()).isEqualTo(1);
    });
    send(good, "still served\n");
    assertThat(answers(good, 1)).containsExactly("OK");
    Socket newcomer = connect(source);
    send(newcomer, "newcomer\n");
    assertThat(answers(newcomer, 1)).containsExactly("OK");

    assertThat(processor.bodies()).containsExactly("first", "ok", "still served", "newcomer");
    assertThat(source.getLifecycleState()).isEqualTo(LifecycleState.START);
  }

  @Test
  void anotherAsciiCompatibleEncodingAcceptsItsBytes() throws Exception {
    NetcatSource source = start("encoding", "iso-8859-1");
    Socket client = connect(source);

    send(client, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});

    assertThat(answers(client, 1)).containsExactly("OK");
    assertThat(processor.events.get(0).getBody())
        .isEqualTo(new byte[] {'c', 'a', 'f', (byte) 0xE9});
  }

  @Test
  void aBurstIsDeliveredInOrderInBatchesNoLargerThanBatchSize() throws Exception {
    NetcatSource source = start();
    Socket client = connect(source);
    StringBuilder burst = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      burst.append("line ").append(i).append('\n');
    }

    send(client, burst.toString());

    assertThat(answers(client, 5000)).containsOnly("OK");
    List<String> bodies = processor.bodies();
    assertThat(bodies).hasSize(5000);
    assertThat(bodies.get(0)).isEqualTo("line 0");
    assertThat(bodies.get(4999)).isEqualTo("line 4999");
    for (int i = 0; i < bodies.size(); i++) {
      assertThat(bodies.get(i)).isEqualTo("line " + i);
    }
    assertThat(processor.batchSizes).allMatch(size -> size <= 100);
    assertThat(processor.batchSizes.size()).isLessThan(5000 / 2);
    assertThat(source.getCounter().get("AppendBatchAcceptedCount"))
        .isEqualTo(processor.batchSizes.size());
  }

  @Test
  void batchSizeCapsEachTransaction() throws Exception {
    NetcatSource source = start("batchSize", "7");
    Socket client = connect(source);

    send(client, "a\n".repeat(50));

    assertThat(answers(client, 50)).containsOnly("OK");
    assertThat(processor.batchSizes).allMatch(size -> size <= 7);
  }

  @Test
  void aPortInUseFailsStartWithAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      NetcatSource source = new NetcatSource();
      source.setName("r1");
      source.configure(new Context(Map.of("bind", "127.0.0.1", "port", String.valueOf(port))));
      source.setChannelProcessor(processor);

      assertThatThrownBy(source::start)
          .isInstanceOf(FlumeException.class)
          .hasMessage("Netcat source r1 cannot listen on 127.0.0.1:" + port
              + ": Address already in use. Another agent or program uses the port; stop it or "
              + "choose another port (<agent>.sources.r1.port)");
      assertThat(source.getLifecycleState()).isEqualTo(LifecycleState.IDLE);
      source.stop(); // harmless after a failed start
    }
  }

  @Test
  void anInvalidLineIsShownEscapedAndCutInItsWarning() throws Exception {
    NetcatSource source = start("max-line-length", "100000");
    Socket client = connect(source);
    // a terminal escape, a forged log line after a carriage return, bytes that are not UTF-8
    byte[] start = "\u001b[2J\r2024-01-01 INFO forged ".getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[50_000];
    Arrays.fill(line, (byte) 'a');
    System.arraycopy(start, 0, line, 0, start.length);
    line[start.length] = (byte) 0xFF;
    line[line.length - 1] = '\n';

    send(client, line);

    assertThat(untilClosed(client)).isEqualTo("FAILED: Event is not valid UTF-8 text\n");
    assertThat(log.lines()).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
        .contains("not valid UTF-8 text")
        .contains("\"\\u001b[2J\\r2024-01-01 INFO forged \u00ffaaa")
        .contains("more bytes)")
        .doesNotContain("\u001b", "\r")
        .hasSizeLessThan(600);
  }

  @Test
  void aHalfLineIsShownEscapedInItsWarning() throws Exception {
    NetcatSource source = start();
    Socket client = connect(source);

    send(client, "ok\nhalf\u001b]0;title\u0007");
    assertThat(answers(client, 1)).containsExactly("OK");
    client.close();

    await().atMost(WAIT).until(() -> source.getCounter().getEventReadFail() == 1);
    assertThat(log.lines()).filteredOn(line -> line.startsWith("WARN")).singleElement().asString()
        .contains("discarded 14 bytes that had no newline: \"half\\u001b]0;title\\u0007\"")
        .doesNotContain("\u001b", "\u0007");
  }

  @Test
  void badClientsAreWarnedAboutOncePerIntervalAndAllCounted() throws Exception {
    NetcatSource source = start();

    for (int i = 0; i < 5; i++) {
      Socket client = connect(source);
      send(client, new byte[] {(byte) 0xC3, '(', '\n'});
      assertThat(untilClosed(client)).startsWith("FAILED");
    }

    assertThat(source.getCounter().getEventReadFail()).isEqualTo(5);
    assertThat(log.lines()).filteredOn(line -> line.startsWith("WARN")).singleElement().asString()
        .contains("not valid UTF-8 text");
    assertThat(source.badInputLog().suppressed()).isEqualTo(4);
  }

  @Test
  void stopClosesClientsAndReleasesThePort() throws Exception {
    NetcatSource first = start();
    int port = first.getLocalAddress().getPort();
    Socket client = connect(first);
    send(client, "before\n");
    assertThat(answers(client, 1)).containsExactly("OK");

    first.stop();

    assertThat(untilClosed(client)).isEmpty();
    assertThat(first.getLifecycleState()).isEqualTo(LifecycleState.STOP);
    assertThat(first.getLocalAddress()).isNull();
    NetcatSource second = start("port", String.valueOf(port));
    assertThat(second.getLocalAddress().getPort()).isEqualTo(port);
    Socket again = connect(second);
    send(again, "after\n");
    assertThat(answers(again, 1)).containsExactly("OK");
    assertThat(processor.bodies()).containsExactly("before", "after");
  }

  @Test
  void canBeStartedAgainAfterStop() throws Exception {
    NetcatSource source = start();
    source.stop();
    source.start();
    Socket client = connect(source);
    send(client, "again\n");
    assertThat(answers(client, 1)).containsExactly("OK");
  }

  @Test
  void missingOrWrongSettingsNameTheirKey() {
    assertThat(configError(Map.of("port", "44444"))).isEqualTo("bind");
    assertThat(configError(Map.of("bind", "localhost"))).isEqualTo("port");
    assertThat(configError(Map.of("bind", "localhost", "port", "70000"))).isEqualTo("port");
    assertThat(configError(Map.of("bind", "localhost", "port", "1", "max-line-length", "0")))
        .isEqualTo("max-line-length");
    assertThat(configError(Map.of("bind", "localhost", "port", "1", "encoding", "utf-16")))
        .isEqualTo("encoding");
    assertThat(configError(Map.of("bind", "localhost", "port", "1", "encoding", "nope")))
        .isEqualTo("encoding");
    assertThat(configError(Map.of("bind", "localhost", "port", "1", "batchSize", "-5")))
        .isEqualTo("batchSize");
  }

  private static String configError(Map<String, String> settings) {
    NetcatSource source = new NetcatSource();
    source.setName("r1");
    try {
      source.configure(new Context(settings));
    } catch (ConfigurationException e) {
      assertThat(e.getMessage()).startsWith("Netcat source r1");
      assertThat(e.getFix()).isNotBlank();
      return e.getKey();
    }
    throw new AssertionError("no configuration error for " + settings);
  }

  @Test
  void anUnknownHostFailsStartWithAClearMessage() {
    NetcatSource source = new NetcatSource();
    source.setName("r1");
    source.configure(new Context(Map.of("bind", "no-such-host.invalid", "port", "0")));
    source.setChannelProcessor(processor);

    assertThatThrownBy(source::start)
        .isInstanceOf(FlumeException.class)
        .hasMessageContaining("Netcat source r1 cannot listen on no-such-host.invalid:0")
        .hasMessageContaining("(<agent>.sources.r1.bind)");
  }

  @Test
  void localAddressIsKnownOnlyWhileStarted() {
    NetcatSource source = new NetcatSource();
    assertThat(source.getLocalAddress()).isNull();
    InetSocketAddress address = start().getLocalAddress();
    assertThat(address.getAddress().isLoopbackAddress()).isTrue();
  }

  /** A channel processor that keeps what it is given, or refuses it while failWith is set. */
  static final class RecordingProcessor implements ChannelProcessor {
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    volatile RuntimeException failWith;

    @Override
    public void processEvent(Event event) {
      processEventBatch(List.of(event));
    }

    @Override
    public void processEventBatch(List<Event> batch) {
      RuntimeException failure = failWith;
      if (failure != null) {
        throw failure;
      }
      batchSizes.add(batch.size());
      events.addAll(batch);
    }

    List<String> bodies() {
      List<String> bodies = new ArrayList<>();
      for (Event event : events) {
        bodies.add(new String(event.getBody(), StandardCharsets.UTF_8));
      }
      return Collections.unmodifiableList(bodies);
    }
  }
}
