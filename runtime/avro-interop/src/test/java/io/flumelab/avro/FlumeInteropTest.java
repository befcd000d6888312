package io.flumelab.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.Context;
import io.flumelab.api.Sink;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.conf.Configurables;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.source.avro.AvroSourceProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apache Flume 1.11 against FlumeLab over real TCP: Flume's SDK client delivers to our avro
 * source, and our avro sink delivers to Flume's own avro source, with and without deflate.
 */
class FlumeInteropTest {

  private final List<Runnable> stops = new ArrayList<>();

  @AfterEach
  void stopAll() {
    for (int i = stops.size() - 1; i >= 0; i--) {
      stops.get(i).run();
    }
  }

  @Test
  void ourProtocolHashIsFlumes() {
    assertThat(AvroProtocol.MD5).isEqualTo(AvroSourceProtocol.PROTOCOL.getMD5());
  }

  // ---- Flume's SDK client → our avro source ----

  private MemoryChannel ourChannel(int capacity) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName("c1");
    channel.configure(new Context(Map.of("capacity", String.valueOf(capacity),
        "transactionCapacity", String.valueOf(capacity), "keep-alive", "0")));
    channel.start();
    stops.add(channel::stop);
    return channel;
  }

  private AvroSource ourSource(MemoryChannel channel, String compression) {
    AvroSource source = new AvroSource();
    source.setName("r1");
    source.configure(new Context(Map.of("bind", "127.0.0.1", "port", "0",
        "compression-type", compression)));
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    selector.configure(new Context());
    source.setChannelProcessor(new DefaultChannelProcessor(selector, List.of()));
    source.start();
    stops.add(source::stop);
    return source;
  }

  private RpcClient flumeClient(int port, String compression) {
    Properties props = new Properties();
    props.setProperty("hosts", "h1");
    props.setProperty("hosts.h1", "127.0.0.1:" + port);
    props.setProperty("batch-size", "100");
    props.setProperty("compression-type", compression);
    props.setProperty("compression-level", "6");
    props.setProperty("request-timeout", "5000");
    RpcClient client = RpcClientFactory.getInstance(props);
    stops.add(client::close);
    return client;
  }

  private static List<org.apache.flume.Event> flumeEvents(int n) {
    List<org.apache.flume.Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(EventBuilder.withBody(("flume event " + i + " é").getBytes(StandardCharsets.UTF_8),
          Map.of("seq", String.valueOf(i), "host", "hadoop102")));
    }
    return events;
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "deflate"})
  void flumeSdkClientDeliversToOurSource(String compression) throws Exception {
    MemoryChannel channel = ourChannel(1000);
    AvroSource source = ourSource(channel, compression);
    RpcClient client = flumeClient(source.getLocalAddress().getPort(), compression);
    List<org.apache.flume.Event> sent = flumeEvents(250);

    client.appendBatch(sent.subList(0, 200)); // sent as two appendBatch calls of 100
    client.append(sent.get(200));
    client.appendBatch(sent.subList(201, 250));

    List<io.flumelab.api.Event> received = Fixtures.take(channel, 1000);
    assertThat(received).hasSize(250);
    for (int i = 0; i < 250; i++) {
      assertThat(received.get(i).getBody()).isEqualTo(sent.get(i).getBody());
      assertThat(received.get(i).getHeaders()).isEqualTo(sent.get(i).getHeaders());
    }
    assertThat(source.getCounter().get("AppendBatchAcceptedCount")).isEqualTo(3);
    assertThat(source.getCounter().get("AppendAcceptedCount")).isEqualTo(1);
  }

  @Test
  void defaultFlumeClientDeliversToOurSource() throws Exception {
    MemoryChannel channel = ourChannel(100);
    AvroSource source = ourSource(channel, "none");
    RpcClient client = RpcClientFactory.getDefaultInstance("127.0.0.1",
        source.getLocalAddress().getPort(), 100);
    stops.add(client::close);
    client.appendBatch(flumeEvents(100));
    assertThat(channel.size()).isEqualTo(100);
  }

  @Test
  void fullChannelSurfacesAsEventDeliveryExceptionOnTheFlumeClient() throws Exception {
    MemoryChannel channel = ourChannel(100);
    AvroSource source = ourSource(channel, "none");
    RpcClient client = flumeClient(source.getLocalAddress().getPort(), "none");
    client.appendBatch(flumeEvents(80));

    assertThatThrownBy(() -> client.appendBatch(flumeEvents(80)))
        .isInstanceOf(EventDeliveryException.class);
    assertThat(channel.size()).isEqualTo(80); // nothing of the refused batch
    assertThat(source.getCounter().getChannelWriteFail()).isEqualTo(1);

    Fixtures.take(channel, 100);
    // Flume's client marks itself dead after any failure; an application retries with a new one
    flumeClient(source.getLocalAddress().getPort(), "none").appendBatch(flumeEvents(80));
    assertThat(channel.size()).isEqualTo(80);
  }

  // ---- our avro sink → Flume's avro source ----

  @ParameterizedTest
  @ValueSource(strings = {"none", "deflate"})
  void ourSinkDeliversToFlumesAvroSource(String compression) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    org.apache.flume.channel.MemoryChannel flumeChannel = new org.apache.flume.channel.MemoryChannel();
    flumeChannel.setName("flume-c1");
    Configurables.configure(flumeChannel, new org.apache.flume.Context(
        Map.of("capacity", "1000", "transactionCapacity", "1000")));
    flumeChannel.start();
    stops.add(flumeChannel::stop);
    org.apache.flume.source.AvroSource flumeSource = new org.apache.flume.source.AvroSource();
    flumeSource.setName("flume-r1");
    org.apache.flume.channel.ReplicatingChannelSelector selector =
        new org.apache.flume.channel.ReplicatingChannelSelector();
    selector.setChannels(List.of(flumeChannel));
    flumeSource.setChannelProcessor(new ChannelProcessor(selector));
    Configurables.configure(flumeSource, new org.apache.flume.Context(Map.of(
        "bind", "127.0.0.1", "port", String.valueOf(port), "compression-type", compression)));
    flumeSource.start();
    stops.add(flumeSource::stop);

    MemoryChannel buffer = ourChannel(1000);
    AvroSink sink = new AvroSink();
    sink.setName("k1");
    sink.configure(new Context(Map.of("hostname", "127.0.0.1", "port", String.valueOf(port),
        "compression-type", compression, "batch-size", "100")));
    sink.setChannel(buffer);
    sink.start();
    stops.add(sink::stop);
    List<io.flumelab.api.Event> sent = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      sent.add(io.flumelab.api.EventBuilder.withBody(("ours " + i + " ü").getBytes(StandardCharsets.UTF_8),
          Map.of("seq", String.valueOf(i))));
    }
    Fixtures.put(buffer, sent);

    assertThat(sink.process()).isEqualTo(Sink.Status.READY);
    assertThat(sink.process()).isEqualTo(Sink.Status.READY);

    org.apache.flume.Transaction tx = flumeChannel.getTransaction();
    tx.begin();
    for (io.flumelab.api.Event expected : sent) {
      org.apache.flume.Event got = flumeChannel.take();
      assertThat(got).isNotNull();
      assertThat(got.getBody()).isEqualTo(expected.getBody());
      assertThat(got.getHeaders()).isEqualTo(expected.getHeaders());
    }
    assertThat(flumeChannel.take()).isNull();
    tx.commit();
    tx.close();
    assertThat(buffer.size()).isZero();
  }
}
