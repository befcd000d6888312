package io.flumelab.avro;

import static io.flumelab.core.spi.ComponentKind.SINK;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.core.spi.AgentKeys;
import io.flumelab.core.spi.BatchSink;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.EventLoops;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to an avro source (Flume's or ours) over Flume's avro protocol: the next hop of a
 * tiered flow. {@code maxIoWorkers} is accepted, but a sink holds one connection, which one I/O
 * thread serves; {@code ssl = true} is not supported yet and is a configuration error.
 *
 * <p>Each process() takes up to batch-size events in one transaction ({@link BatchSink}) and
 * commits only when the source answered OK. A FAILED answer (the remote channel is full), a timeout
 * or a connection error rolls the transaction back, so the events stay at the head of the channel,
 * and throws {@link io.flumelab.api.EventDeliveryException}: the sink runner backs off and retries.
 * After a timeout or a connection error the connection is dropped and made again on the next
 * attempt; after FAILED it is kept, since it works.
 */
public class AvroSink extends BatchSink implements Configurable {

  static final Setting<String> HOSTNAME = Setting.host("hostname").required("hadoop103")
      .doc("the host of the avro source to send to");
  static final Setting<Integer> PORT = Setting.port("port").check(Check.atLeast(1))
      .required("4141").doc("the port of the avro source to send to");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("batch-size").defaultValue(100)
      .check(Check.atLeast(1)).doc("events per channel transaction and per appendBatch call");
  static final Setting<Long> CONNECT_TIMEOUT = Setting.millis("connect-timeout")
      .defaultValue(20_000L).check(Check.between(1, Integer.MAX_VALUE))
      .doc("for connecting and the first (handshake) call");
  static final Setting<Long> REQUEST_TIMEOUT = Setting.millis("request-timeout")
      .defaultValue(20_000L).check(Check.between(1, Integer.MAX_VALUE))
      .doc("for each call after the first");
  static final Setting<Long> RESET_CONNECTION_INTERVAL =
      Setting.seconds("reset-connection-interval").defaultValue(0L)
          .doc("reconnect once a connection is this old, so a load balancer can spread sinks over"
              + " new hosts; 0 never");
  static final Setting<String> COMPRESSION_TYPE = Setting.string(Compression.KEY)
      .defaultValue("none").check(Check.oneOf("none", "deflate"))
      .doc("none or deflate, the same as the avro source's");
  static final Setting<Integer> COMPRESSION_LEVEL = Setting.integer("compression-level")
      .defaultValue(Compression.DEFAULT_LEVEL).check(Check.between(0, 9))
      .doc("deflate's level: 1 fast to 9 small");
  static final Setting<Integer> MAX_IO_WORKERS = Setting.integer("maxIoWorkers")
      .defaultValue(() -> 2 * Runtime.getRuntime().availableProcessors(), "2 × the processors")
      .check(Check.atLeast(1)).doc("accepted and unused: the sink's one connection needs one");
  static final Setting<Boolean> SSL = Setting.bool("ssl").defaultValue(false)
      .doc("encrypt the connection; not supported by FlumeLab yet");
  static final Setting<Boolean> TRUST_ALL_CERTS = Setting.bool("trust-all-certs")
      .defaultValue(false).doc("with ssl: accept any server certificate");
  static final Setting<String> TRUSTSTORE = Setting.string("truststore")
      .doc("with ssl: the trust store file");
  static final Setting<String> TRUSTSTORE_PASSWORD = Setting.string("truststore-password")
      .doc("with ssl: the trust store's password");
  static final Setting<String> TRUSTSTORE_TYPE = Setting.string("truststore-type")
      .defaultValue("JKS").doc("with ssl: the trust store's type");
  static final Setting<String> EXCLUDE_PROTOCOLS = Setting.string("exclude-protocols")
      .defaultValue("SSLv3").doc("with ssl: protocols not to use, space-separated");

  public static final ComponentSpec SPEC = ComponentSpec.builder(SINK, "avro", AvroSink.class)
      .flumeClass("org.apache.flume.sink.AvroSink")
      .settings(HOSTNAME, PORT, CONNECT_TIMEOUT, REQUEST_TIMEOUT, RESET_CONNECTION_INTERVAL,
          COMPRESSION_TYPE, COMPRESSION_LEVEL, MAX_IO_WORKERS, SSL, TRUST_ALL_CERTS, TRUSTSTORE,
          TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, EXCLUDE_PROTOCOLS)
      .batch(BATCH_SIZE)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(AvroSink.class);

  private String hostname;
  private int port;
  private int connectTimeout;
  private int requestTimeout;
  private long resetIntervalNanos;
  private Compression compression = Compression.NONE;
  private int compressionLevel = COMPRESSION_LEVEL.defaultValue();

  private EventLoopGroup group;
  private AvroClient client;
  private long connectedAt;

  public AvroSink() {
    super(BATCH_SIZE);
  }

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    hostname = settings.get(HOSTNAME);
    port = settings.get(PORT);
    configureBatch(settings);
    connectTimeout = settings.get(CONNECT_TIMEOUT).intValue();
    requestTimeout = settings.get(REQUEST_TIMEOUT).intValue();
    resetIntervalNanos = settings.get(RESET_CONNECTION_INTERVAL) * 1_000_000_000L;
    compression = Compression.parse(describe(), settings.get(COMPRESSION_TYPE));
    compressionLevel = settings.get(COMPRESSION_LEVEL);
    settings.get(MAX_IO_WORKERS);
    boolean ssl = settings.get(SSL);
    // read so that a malformed value is reported, though they matter only with ssl
    settings.get(TRUST_ALL_CERTS);
    settings.get(TRUSTSTORE);
    settings.get(TRUSTSTORE_PASSWORD);
    settings.get(TRUSTSTORE_TYPE);
    settings.get(EXCLUDE_PROTOCOLS);
    if (ssl) {
      throw new ConfigurationException(SSL.key(), describe() + ": ssl = true is not supported by "
          + "FlumeLab yet", "Remove ssl (or set ssl = false); the events would otherwise travel "
          + "unencrypted");
    }
  }

  @Override
  protected String describe() {
    return "Avro sink " + getName();
  }



  @Override
  public synchronized void start() {
    group = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("avro-" + getName() + "-io"), NioIoHandler.newFactory());
    super.start();
    LOG.info("Avro sink {} sends to {}:{}{}", getName(), hostname, port,
        compression == Compression.DEFLATE ? " (deflate)" : "");
  }

  @Override
  public synchronized void stop() {
    disconnect();
    if (group != null) {
      EventLoops.shutDown(List.of(group), describe(), 10);
      group = null;
    }
    super.stop();
  }

  /** Returns once the source answered OK; anything else throws, and the batch is rolled back. */
  @Override
  protected void deliver(List<Event> events) throws IOException {
    AvroClient connection = connection();
    AvroProtocol.Status status;
    try {
      status = connection.appendBatch(events,
          connection.handshaken() ? requestTimeout : connectTimeout);
    } catch (TimeoutException e) {
      disconnect();
      throw new IOException(destination() + " gave no answer within "
          + (connection.handshaken() ? "request-timeout (" + requestTimeout
              : "connect-timeout (" + connectTimeout) + " ms)", e);
    } catch (IOException e) {
      disconnect();
      throw new IOException(destination() + ": " + e.getMessage(), e);
    }
    if (status != AvroProtocol.Status.OK) {
      throw new IOException(destination() + " answered " + status
          + " (its channel is probably full)");
    }
  }

  private String destination() {
    return hostname + ":" + port;
  }

  private synchronized AvroClient connection() throws IOException {
    if (client != null && (!client.isOpen() || (resetIntervalNanos > 0
        && System.nanoTime() - connectedAt >= resetIntervalNanos))) {
      if (client.isOpen()) {
        LOG.info("Avro sink {}: reconnecting to {}:{} ({})", getName(), hostname, port,
            RESET_CONNECTION_INTERVAL.key());
      }
      disconnect();
    }
    if (client == null) {
      if (group == null) {
        throw new IllegalStateException(describe() + " is not started");
      }
      InetSocketAddress address = new InetSocketAddress(hostname, port);
      try {
        if (address.isUnresolved()) {
          throw new IOException("the host name " + hostname + " is unknown (" + AgentKeys.PREFIX + "sinks."
              + getName() + "." + HOSTNAME.key() + ")");
        }
        client = AvroClient.connect(group, address, compression, compressionLevel,
            connectTimeout);
      } catch (IOException e) {
        getCounter().incrementConnectionFailedCount();
        throw new IOException("cannot connect to " + destination() + ": " + e.getMessage()
            + ". Is the next agent running with an avro source on that port?", e);
      }
      connectedAt = System.nanoTime();
      getCounter().incrementConnectionCreatedCount();
      LOG.info("Avro sink {}: connected to {}:{}", getName(), hostname, port);
    }
    return client;
  }

  private synchronized void disconnect() {
    if (client != null) {
      client.close();
      client = null;
      getCounter().incrementConnectionClosedCount();
    }
  }
}
