package io.flumelab.avro;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Channel;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.EventLoops;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SinkCounter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to an avro source (Flume's or ours) over Flume's avro protocol: the next hop of a
 * tiered flow. Keys, as in Flume 1.11:
 *
 * <ul>
 *   <li>{@code hostname}, {@code port} (required): the avro source to send to.
 *   <li>{@code batch-size} (100): events per transaction and per appendBatch call.
 *   <li>{@code connect-timeout} (20000 ms): for connecting and the first (handshake) call.
 *   <li>{@code request-timeout} (20000 ms): for each later call.
 *   <li>{@code reset-connection-interval} (0 = never, seconds): reconnect once a connection is this
 *       old, before the next batch, so a load balancer can spread sinks over new hosts.
 *   <li>{@code compression-type} (none) / {@code compression-level} (6): deflate must match the
 *       source's compression-type.
 *   <li>{@code maxIoWorkers}: accepted; a sink holds one connection, which one I/O thread serves.
 *   <li>{@code ssl} (false): not supported yet; {@code ssl = true} is a configuration error.
 * </ul>
 *
 * <p>Each process() takes up to batch-size events in one transaction and commits only when the
 * source answered OK. A FAILED answer (the remote channel is full), a timeout or a connection
 * error rolls the transaction back, so the events stay at the head of the channel, and throws
 * {@link EventDeliveryException}: the sink runner backs off and retries. After a timeout or a
 * connection error the connection is dropped and made again on the next attempt; after FAILED it
 * is kept, since it works.
 */
public class AvroSink extends AbstractSink implements Configurable, Counted {

  /** The {@code avro} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SINK, "avro", AvroSink.class)
      .flumeClass("org.apache.flume.sink.AvroSink")
      .settings(Setting.string("hostname").required("<value>"),
          Setting.integer("port").required("<value>"),
          Setting.integer("connect-timeout"),
          Setting.integer("request-timeout"),
          Setting.longValue("reset-connection-interval"),
          Setting.string("compression-type"),
          Setting.integer("compression-level"),
          Setting.integer("maxIoWorkers"),
          Setting.bool("ssl"),
          Setting.bool("trust-all-certs"),
          Setting.string("truststore"),
          Setting.string("truststore-password"),
          Setting.string("truststore-type"),
          Setting.string("exclude-protocols"))
      .batch(Setting.integer("batch-size").defaultValue(100))
      .build();


  public static final String CONFIG_HOSTNAME = "hostname";
  public static final String CONFIG_PORT = "port";
  public static final String CONFIG_BATCH_SIZE = "batch-size";
  public static final String CONFIG_CONNECT_TIMEOUT = "connect-timeout";
  public static final String CONFIG_REQUEST_TIMEOUT = "request-timeout";
  public static final String CONFIG_RESET_INTERVAL = "reset-connection-interval";
  public static final String CONFIG_COMPRESSION_LEVEL = "compression-level";
  public static final String CONFIG_MAX_IO_WORKERS = "maxIoWorkers";
  public static final String CONFIG_SSL = "ssl";
  public static final int DEFAULT_BATCH_SIZE = 100;
  public static final int DEFAULT_TIMEOUT_MILLIS = 20_000;

  private static final Logger LOG = LoggerFactory.getLogger(AvroSink.class);

  private String hostname;
  private int port;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private int connectTimeout = DEFAULT_TIMEOUT_MILLIS;
  private int requestTimeout = DEFAULT_TIMEOUT_MILLIS;
  private long resetIntervalNanos;
  private Compression compression = Compression.NONE;
  private int compressionLevel = Compression.DEFAULT_LEVEL;

  private volatile SinkCounter counter;
  private EventLoopGroup group;
  private AvroClient client;
  private long connectedAt;

  @Override
  public void configure(Context context) {
    hostname = context.getString(CONFIG_HOSTNAME);
    if (hostname == null || hostname.isBlank()) {
      throw new ConfigurationException(CONFIG_HOSTNAME,
          "Avro sink " + getName() + " needs hostname, the host of the avro source to send to",
          "Add hostname = the next agent's host, e.g. hadoop103");
    }
    Integer configuredPort = context.getInteger(CONFIG_PORT);
    if (configuredPort == null || configuredPort < 1 || configuredPort > 65535) {
      throw new ConfigurationException(CONFIG_PORT,
          "Avro sink " + getName() + (configuredPort == null
              ? " needs port, the port of the avro source to send to"
              : ": port " + configuredPort + " is not a TCP port"),
          "Set port to the avro source's port, e.g. 4141");
    }
    port = configuredPort;
    batchSize = atLeast(context, CONFIG_BATCH_SIZE, DEFAULT_BATCH_SIZE, 1);
    connectTimeout = atLeast(context, CONFIG_CONNECT_TIMEOUT, DEFAULT_TIMEOUT_MILLIS, 1);
    requestTimeout = atLeast(context, CONFIG_REQUEST_TIMEOUT, DEFAULT_TIMEOUT_MILLIS, 1);
    long resetSeconds = context.getLong(CONFIG_RESET_INTERVAL, 0L);
    if (resetSeconds < 0) {
      throw new ConfigurationException(CONFIG_RESET_INTERVAL, "Avro sink " + getName()
          + ": reset-connection-interval must be 0 (never) or more seconds, not " + resetSeconds,
          "Remove reset-connection-interval, or set the seconds between reconnections");
    }
    resetIntervalNanos = resetSeconds * 1_000_000_000L;
    compression = Compression.parse("Avro sink " + getName(),
        context.getString(Compression.KEY, "none"));
    compressionLevel = context.getInteger(CONFIG_COMPRESSION_LEVEL, Compression.DEFAULT_LEVEL);
    if (compressionLevel < 0 || compressionLevel > 9) {
      throw new ConfigurationException(CONFIG_COMPRESSION_LEVEL, "Avro sink " + getName()
          + ": compression-level must be 0 to 9, not " + compressionLevel,
          "Use 1 (fast) to 9 (small), or remove it for 6");
    }
    atLeast(context, CONFIG_MAX_IO_WORKERS, 1, 1);
    if (context.getBoolean(CONFIG_SSL, false)) {
      throw new ConfigurationException(CONFIG_SSL,
          "Avro sink " + getName() + ": ssl = true is not supported by FlumeLab yet",
          "Remove ssl (or set ssl = false); the events would otherwise travel unencrypted");
    }
  }

  private int atLeast(Context context, String key, int defaultValue, int min) {
    int value = context.getInteger(key, defaultValue);
    if (value < min) {
      throw new ConfigurationException(key, "Avro sink " + getName() + ": " + key + " must be "
          + min + " or more, not " + value, "Remove " + key + " to use the default, "
          + defaultValue);
    }
    return value;
  }

  /** Events per transaction; the configuration checks it against the channel's transactionCapacity. */
  public int getBatchSize() {
    return batchSize;
  }

  @Override
  public SinkCounter getCounter() {
    SinkCounter c = counter;
    if (c == null) {
      synchronized (this) {
        if (counter == null) {
          counter = new SinkCounter(getName());
        }
        c = counter;
      }
    }
    return c;
  }

  @Override
  public synchronized void start() {
    group = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("avro-" + getName() + "-io"), NioIoHandler.newFactory());
    getCounter().start();
    super.start();
    LOG.info("Avro sink {} sends to {}:{}{}", getName(), hostname, port,
        compression == Compression.DEFLATE ? " (deflate)" : "");
  }

  @Override
  public synchronized void stop() {
    disconnect();
    if (group != null) {
      EventLoops.shutDown(List.of(group), "Avro sink " + getName(), 10);
      group = null;
    }
    getCounter().stop();
    super.stop();
  }

  @Override
  public Status process() throws EventDeliveryException {
    Channel channel = getChannel();
    SinkCounter sinkCounter = getCounter();
    List<Event> batch = new ArrayList<>(batchSize);
    Transaction tx = channel.getTransaction();
    try {
      tx.begin();
      try {
        while (batch.size() < batchSize) {
          Event event = channel.take();
          if (event == null) {
            break;
          }
          batch.add(event);
        }
      } catch (RuntimeException e) {
        sinkCounter.incrementChannelReadFail();
        String hint = batch.size() > 0 ? " (is batch-size " + batchSize + " above the channel's "
            + "transactionCapacity?)" : "";
        throw new EventDeliveryException("Avro sink " + getName() + " failed to take events from "
            + "channel " + channel.getName() + " after " + batch.size() + hint + ": " + e, e);
      }
      if (batch.isEmpty()) {
        tx.commit();
        sinkCounter.incrementBatchEmptyCount();
        return Status.BACKOFF;
      }
      sinkCounter.addToEventDrainAttemptCount(batch.size());
      send(batch);
      tx.commit();
    } catch (Throwable t) {
      try {
        tx.rollback();
      } catch (RuntimeException e) {
        t.addSuppressed(e);
      }
      if (t instanceof Error error) {
        throw error;
      }
      if (t instanceof EventDeliveryException delivery) {
        throw delivery;
      }
      throw new EventDeliveryException("Avro sink " + getName() + ": " + t, t);
    } finally {
      tx.close();
    }
    sinkCounter.addToEventDrainSuccessCount(batch.size());
    if (batch.size() < batchSize) {
      sinkCounter.incrementBatchUnderflowCount();
    } else {
      sinkCounter.incrementBatchCompleteCount();
    }
    return Status.READY;
  }

  /** Delivers the batch or throws; the caller rolls back on any throw. */
  private void send(List<Event> batch) throws EventDeliveryException {
    String where = "Avro sink " + getName() + " could not deliver " + batch.size()
        + " events to " + hostname + ":" + port;
    String kept = "; they stay in channel " + getChannel().getName() + " and are sent again";
    AvroClient connection = connection(where, kept);
    AvroProtocol.Status status;
    try {
      status = connection.appendBatch(batch,
          connection.handshaken() ? requestTimeout : connectTimeout);
    } catch (TimeoutException e) {
      getCounter().incrementEventWriteFail();
      disconnect();
      throw new EventDeliveryException(where + ": no answer within "
          + (connection.handshaken() ? "request-timeout (" + requestTimeout
              : "connect-timeout (" + connectTimeout) + " ms)" + kept, e);
    } catch (IOException e) {
      getCounter().incrementEventWriteFail();
      disconnect();
      throw new EventDeliveryException(where + ": " + e.getMessage() + kept, e);
    }
    if (status != AvroProtocol.Status.OK) {
      getCounter().incrementEventWriteFail();
      throw new EventDeliveryException(where + ": it answered " + status
          + " (its channel is probably full)" + kept);
    }
  }

  private synchronized AvroClient connection(String where, String kept)
      throws EventDeliveryException {
    if (client != null && (!client.isOpen() || (resetIntervalNanos > 0
        && System.nanoTime() - connectedAt >= resetIntervalNanos))) {
      if (client.isOpen()) {
        LOG.info("Avro sink {}: reconnecting to {}:{} (reset-connection-interval)", getName(),
            hostname, port);
      }
      disconnect();
    }
    if (client == null) {
      if (group == null) {
        throw new EventDeliveryException("Avro sink " + getName() + " is not started");
      }
      InetSocketAddress address = new InetSocketAddress(hostname, port);
      try {
        if (address.isUnresolved()) {
          throw new IOException("the host name " + hostname + " is unknown (<agent>.sinks."
              + getName() + ".hostname)");
        }
        client = AvroClient.connect(group, address, compression, compressionLevel,
            connectTimeout);
      } catch (IOException e) {
        getCounter().incrementConnectionFailedCount();
        throw new EventDeliveryException(where + ": cannot connect: " + e.getMessage()
            + ". Is the next agent running with an avro source on that port?" + kept, e);
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
