package io.flumelab.core.source.netcatudp;

import static io.flumelab.core.testing.SourceTesting.context;
import static io.flumelab.core.testing.TestData.bodies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.FlumeException;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.testing.LogCapture;
import io.flumelab.core.testing.SourceHarness;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The UDP netcat source on a real socket, writing into a real memory channel. */
class NetcatUdpSourceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  final SourceHarness harness = new SourceHarness();
  private final List<Event> taken = new ArrayList<>();
  private NetcatUdpSource source;
  private DatagramSocket client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
  }

  private NetcatUdpSource start(Map<String, String> channelSettings, String... settings)
      throws IOException {
    harness.startChannel(channelSettings);
    source = harness.start(configured(settings));
    client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return source;
  }

  private static NetcatUdpSource configured(String... settings) {
    NetcatUdpSource udp = new NetcatUdpSource();
    udp.setName("r1");
    udp.configure(context(Map.of("bind", "127.0.0.1", "port", "0"), settings));
    return udp;
  }

  private void send(byte[] bytes) throws IOException {
    client.send(new DatagramPacket(bytes, bytes.length, source.getLocalAddress()));
  }

  private void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Waits until {@code count} events in all have been taken from the channel. */
  private List<Event> takeUntil(int count) {
    await().atMost(WAIT).until(() -> {
      taken.addAll(harness.takeAvailable());
      return taken.size() >= count;
    });
    return taken;
  }

  @Test
  void aLineFromNcIsOneEvent() throws IOException {
    start(Map.of());
    send("hello\n");
    assertThat(bodies(takeUntil(1))).containsExactly("hello");
    assertThat(taken.get(0).getHeaders()).isEmpty();
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(1);
  }

  @Test
  void everyLineOfADatagramIsKept() throws IOException {
    start(Map.of());
    send("a\nb\n\nlast without newline");
    assertThat(bodies(takeUntil(4))).containsExactly("a", "b", "", "last without newline");
  }

  @Test
  void theSenderAddressGoesInTheConfiguredHeader() throws IOException {
    start(Map.of(), "remoteAddressHeader", "ip");
    send("x\n");
    String expected = "/127.0.0.1:" + client.getLocalPort();
    assertThat(takeUntil(1).get(0).getHeaders()).containsEntry("ip", expected);
  }

  @Test
  void flumesUndocumentedKeyWorksToo() {
    NetcatUdpSource udp = configured("remoteAddress", "from");
    udp.setChannelProcessor(new DefaultChannelProcessor(new ReplicatingChannelSelector(), List.of()));
    assertThat(udp).extracting("remoteAddressHeader").isEqualTo("from");
  }

  @Test
  void garbageBytesAreKeptAsIsAndTheSourceLivesOn() throws IOException {
    start(Map.of());
    byte[] garbage = {(byte) 0xff, 0, (byte) 0xfe, (byte) 0xc3, '\r'};
    send(garbage);
    send("after\n");
    List<Event> events = takeUntil(2);
    assertThat(events.get(0).getBody()).isEqualTo(garbage);
    assertThat(bodies(events).get(1)).isEqualTo("after");
  }

  @Test
  void aFullChannelDropsAndCountsButKeepsListening() throws IOException {
    start(Map.of("capacity", "1", "transactionCapacity", "1", "keep-alive", "0"));
    send("first\n");
    await().atMost(WAIT).until(() -> harness.channel().size() == 1);
    send("refused\n");
    await().atMost(WAIT).until(() -> source.getCounter().getChannelWriteFail() == 1);
    assertThat(bodies(takeUntil(1))).containsExactly("first");
    send("third\n");
    assertThat(bodies(takeUntil(2))).containsExactly("first", "third");
  }

  @Test
  void refusedDatagramsAreWarnedAboutOncePerIntervalAndAllCounted() throws IOException {
    start(Map.of("capacity", "1", "transactionCapacity", "1", "keep-alive", "0"));
    send("first\n");
    await().atMost(WAIT).until(() -> harness.channel().size() == 1);

    try (LogCapture log = LogCapture.attach(NetcatUdpSource.class, Level.WARN)) {
      for (int i = 0; i < 5; i++) {
        send("refused " + i + "\n");
      }
      await().atMost(WAIT).until(() -> source.getCounter().getChannelWriteFail() == 5);

      assertThat(log.lines()).singleElement().asString().contains("the channels refused 1 events");
    }
    assertThat(source.refusedLog().suppressed()).isEqualTo(4);
  }

  @Test
  void aTakenPortIsAClearError() throws IOException {
    try (DatagramSocket taken = new DatagramSocket(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      NetcatUdpSource udp = configured("port", String.valueOf(taken.getLocalPort()));
      udp.setChannelProcessor(new DefaultChannelProcessor(new ReplicatingChannelSelector(), List.of()));
      assertThatThrownBy(udp::start)
          .isInstanceOf(FlumeException.class)
          .hasMessageContaining("Netcat UDP source r1 cannot listen on 127.0.0.1:"
              + taken.getLocalPort())
          .hasMessageContaining("Address already in use")
          .hasMessageContaining(".port");
      udp.stop();
    }
  }

  @Test
  void bindAndPortAreRequired() {
    assertThatThrownBy(() -> {
      NetcatUdpSource udp = new NetcatUdpSource();
      udp.setName("r1");
      udp.configure(new Context(Map.of("bind", "0.0.0.0")));
    }).isInstanceOfSatisfying(ConfigurationException.class,
        e -> assertThat(e.getKey()).isEqualTo("port"));
    assertThatThrownBy(() -> {
      NetcatUdpSource udp = new NetcatUdpSource();
      udp.setName("r1");
      udp.configure(new Context(Map.of("port", "6666")));
    }).isInstanceOfSatisfying(ConfigurationException.class,
        e -> assertThat(e.getKey()).isEqualTo("bind"));
  }
}
