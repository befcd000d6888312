package io.flumelab.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Sink;
import io.flumelab.core.channel.MemoryChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our avro sink against our avro source over real TCP, and both against faults. */
class AvroSinkToSourceTest {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void stop() {
    fixtures.close();
  }

  private static List<Event> events(int n, String prefix) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(EventBuilder.withBody((prefix + i + " ünï").getBytes(StandardCharsets.UTF_8),
          i % 2 == 0 ? Map.of("n", String.valueOf(i), "host", "hadoop102") : Map.of()));
    }
    return events;
  }

  private static List<String> bodies(List<Event> events) {
    return events.stream().map(e -> new String(e.getBody(), StandardCharsets.UTF_8)).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "deflate"})
  void deliversBatchesIntactAndCommitsOnOk(String compression) throws Exception {
    MemoryChannel target = fixtures.channel("target", 1000);
    AvroSource source = fixtures.source(target, "compression-type", compression);
    MemoryChannel buffer = fixtures.channel("buffer", 1000);
    AvroSink sink = fixtures.sink(buffer, source.getLocalAddress().getPort(),
        "compression-type", compression, "batch-size", "100");
    List<Event> sent = events(250, "event ");
    Fixtures.put(buffer, sent);

    assertThat(sink.process()).isEqualTo(Sink.Status.READY);
    assertThat(sink.process()).isEqualTo(Sink.Status.READY);
    assertThat(sink.process()).isEqualTo(Sink.Status.READY);
    assertThat(sink.process()).isEqualTo(Sink.Status.BACKOFF);

    List<Event> received = Fixtures.take(target, 1000);
    assertThat(bodies(received)).isEqualTo(bodies(sent));
    for (int i = 0; i < sent.size(); i++) {
      assertThat(received.get(i).getHeaders()).isEqualTo(sent.get(i).getHeaders());
    }
    assertThat(buffer.size()).isZero();
    assertThat(sink.getCounter().getEventDrainSuccessCount()).isEqualTo(250);
    assertThat(sink.getCounter().get("ConnectionCreatedCount")).isEqualTo(1);
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(250);
    assertThat(source.getCounter().get("AppendBatchAcceptedCount")).isEqualTo(3);
  }

  @Test
  void failedAnswerRollsBackAndTheBatchIsDeliveredOnceThereIsRoom() throws Exception {
    MemoryChannel target = fixtures.channel("target", 50);
    AvroSource source = fixtures.source(target);
    MemoryChannel buffer = fixtures.channel("buffer", 1000);
    AvroSink sink = fixtures.sink(buffer, source.getLocalAddress().getPort(), "batch-size", "40");
    Fixtures.put(buffer, events(80, "e"));

    assertThat(sink.process()).isEqualTo(Sink.Status.READY); // 40 fit in the target
    assertThatThrownBy(sink::process).isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("answered FAILED").hasMessageContaining("stay in channel buffer");
    assertThat(buffer.size()).isEqualTo(40); // rolled back
    assertThat(source.getCounter().getChannelWriteFail()).isEqualTo(1);
    assertThat(target.size()).isEqualTo(40); // nothing of the refused batch went in

    Fixtures.take(target, 50);
    assertThat(sink.process()).isEqualTo(Sink.Status.READY);
    assertThat(bodies(Fixtures.take(target, 50))).isEqualTo(bodies(events(80, "e")).subList(40, 80));
    assertThat(sink.getCounter().get("ConnectionCreatedCount")).isEqualTo(1);
  }

  @Test
  void targetDownRollsBackAndDeliversOnceItIsUp() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    MemoryChannel buffer = fixtures.channel("buffer", 1000);
    AvroSink sink = fixtures.sink(buffer, port, "connect-timeout", "2000");
    Fixtures.put(buffer, events(10, "down "));

    assertThatThrownBy(sink::process).isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("cannot connect").hasMessageContaining("127.0.0.1:" + port);
    assertThat(buffer.size()).isEqualTo(10);
    assertThat(sink.getCounter().getConnectionFailedCount()).isEqualTo(1);

    MemoryChannel target = fixtures.channel("target", 100);
    fixtures.source(target, "port", String.valueOf(port));
    assertThat(sink.process()).isEqualTo(Sink.Status.READY);
    assertThat(bodies(Fixtures.take(target, 100))).isEqualTo(bodies(events(10, "down ")));
    assertThat(buffer.size()).isZero();
  }

  @Test
  void silentTargetTimesOutRollsBackAndDropsTheConnection() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      MemoryChannel buffer = fixtures.channel("buffer", 100);
      AvroSink sink = fixtures.sink(buffer, silent.getLocalPort(), "connect-timeout", "300");
      Fixtures.put(buffer, events(5, "t"));
      assertThatThrownBy(sink::process).isInstanceOf(EventDeliveryException.class)
          .hasMessageContaining("connect-timeout (300 ms)");
      assertThat(buffer.size()).isEqualTo(5);
      assertThat(sink.getCounter().get("ConnectionClosedCount")).isEqualTo(1);
    }
  }

  @Test
  void sourceDropsGarbageAndAHalfFrameButServesOtherClients() throws Exception {
    MemoryChannel target = fixtures.channel("target", 1000);
    AvroSource source = fixtures.source(target);
    int port = source.getLocalAddress().getPort();
    try (Socket garbage = new Socket("127.0.0.1", port)) {
      garbage.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      garbage.setSoTimeout(5000);
      assertThat(garbage.getInputStream().read()).isEqualTo(-1); // closed by the source
    }
    await().atMost(Duration.ofSeconds(5))
        .until(() -> source.getCounter().getEventReadFail() == 1);
    try (Socket half = new Socket("127.0.0.1", port)) {
      OutputStream out = half.getOutputStream();
      out.write(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 100, 1, 2, 3}); // 3 of 100 bytes
      out.flush();
    }
    await().atMost(Duration.ofSeconds(5))
        .until(() -> source.getCounter().getEventReadFail() == 2);

    MemoryChannel buffer = fixtures.channel("buffer", 100);
    AvroSink sink = fixtures.sink(buffer, port);
    Fixtures.put(buffer, events(3, "after "));
    assertThat(sink.process()).isEqualTo(Sink.Status.READY);
    assertThat(bodies(Fixtures.take(target, 10))).isEqualTo(bodies(events(3, "after ")));
    assertThat(source.getCounter().getOpenConnectionCount()).isEqualTo(1);
  }

  @Test
  void oversizedFrameLengthIsRefusedWithoutAllocating() throws Exception {
    MemoryChannel target = fixtures.channel("target", 10);
    AvroSource source = fixtures.source(target);
    try (Socket socket = new Socket("127.0.0.1", source.getLocalAddress().getPort())) {
      socket.getOutputStream().write(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 0x7f, -1, -1, -1});
      socket.setSoTimeout(5000);
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo(-1);
    }
    await().atMost(Duration.ofSeconds(5))
        .until(() -> source.getCounter().getEventReadFail() == 1);
  }

  @Test
  void ipFilterClosesDeniedClients() throws Exception {
    MemoryChannel target = fixtures.channel("target", 10);
    AvroSource denied = fixtures.source(target, "ipFilter", "true",
        "ipFilterRules", "deny:ip:127.*,allow:ip:*");
    MemoryChannel buffer = fixtures.channel("buffer", 10);
    AvroSink sink = fixtures.sink(buffer, denied.getLocalAddress().getPort(),
        "connect-timeout", "3000");
    Fixtures.put(buffer, events(2, "x"));
    assertThatThrownBy(sink::process).isInstanceOf(EventDeliveryException.class);
    assertThat(buffer.size()).isEqualTo(2);
    assertThat(target.size()).isZero();
  }

  @Test
  void ipFilterLetsAllowedClientsIn() throws Exception {
    MemoryChannel target = fixtures.channel("target", 10);
    AvroSource allowed = fixtures.source(target, "ipFilter", "true",
        "ipFilterRules", "allow:name:localhost,deny:ip:*");
    MemoryChannel buffer = fixtures.channel("buffer", 10);
    AvroSink sink = fixtures.sink(buffer, allowed.getLocalAddress().getPort());
    Fixtures.put(buffer, events(2, "x"));
    assertThat(sink.process()).isEqualTo(Sink.Status.READY);
    assertThat(target.size()).isEqualTo(2);
  }

  @Test
  void badSettingsNameTheKey() {
    AvroSource source = new AvroSource();
    source.setName("r1");
    Map<String, String> base = Map.of("bind", "0.0.0.0", "port", "4141");
    assertThatThrownBy(() -> source.configure(Fixtures.context(base, "ssl", "true")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("ssl")
        .extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo("ssl");
    assertThatThrownBy(() -> source.configure(Fixtures.context(base, "compression-type", "gzip")))
        .extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo("compression-type");
    assertThatThrownBy(() -> source.configure(Fixtures.context(base, "ipFilter", "true",
        "ipFilterRules", "permit:ip:*")))
        .hasMessageContaining("neither allow nor deny")
        .extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo("ipFilterRules");
    assertThatThrownBy(() -> source.configure(Fixtures.context(base, "ipFilter", "true")))
        .extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo("ipFilterRules");
    AvroSink sink = new AvroSink();
    sink.setName("k1");
    assertThatThrownBy(() -> sink.configure(Fixtures.context(Map.of("hostname", "h"))))
        .extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo("port");
    assertThatThrownBy(() -> sink.configure(Fixtures.context(Map.of("hostname", "h",
        "port", "4141", "compression-level", "10"))))
        .extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo("compression-level");
  }
}
