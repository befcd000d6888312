package io.flumelab.core.source;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.api.FlumeException;
import io.flumelab.core.counter.Counted;
import io.flumelab.core.counter.SourceCounter;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a UDP port and turns the lines of each datagram into events, like
 * {@code nc -u -k -l host port} feeding Flume. Keys, as in Flume 1.11:
 *
 * <ul>
 *   <li>{@code bind} (required): host name or address to listen on; {@code 0.0.0.0} for all.
 *   <li>{@code port} (required): UDP port; 0 picks a free one (see {@link #getLocalAddress()}).
 *   <li>{@code remoteAddressHeader} (none): when set, each event gets a header of this name with
 *       the sender's address, as {@code /127.0.0.1:51234}. Flume 1.11's code reads the key
 *       {@code remoteAddress} instead of the documented one; both are accepted.
 * </ul>
 *
 * <p>Framing (details in {@link NetcatUdpHandler}): a datagram is split on {@code \n}; each line is
 * an event, and so is a last piece without a newline. {@code echo hi | nc -u} gives one event
 * {@code hi}, as in Flume. Flume keeps only the first line of a datagram and drops the rest;
 * FlumeLab keeps every line. Bodies are the bytes as received: there is no decoding that garbage
 * could fail. UDP has no way to push back, so a datagram the channels refuse is dropped, counted
 * as {@code ChannelWriteFail} and logged (at most every 10 s), and never stops the source.
 */
public class NetcatUdpSource extends AbstractSource
    implements EventDrivenSource, Configurable, Counted {

  public static final String CONFIG_BIND = "bind";
  public static final String CONFIG_PORT = "port";
  public static final String CONFIG_REMOTE_ADDRESS_HEADER = "remoteAddressHeader";
  /** The key Flume 1.11's code actually reads for the same setting. */
  public static final String CONFIG_REMOTE_ADDRESS_FLUME = "remoteAddress";
  /** Enough for any UDP datagram (65,507 bytes of payload over IPv4). */
  static final int MAX_DATAGRAM = 65_536;

  private static final Logger LOG = LoggerFactory.getLogger(NetcatUdpSource.class);
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

  private String bind;
  private int port;
  private String remoteAddressHeader;
  private volatile SourceCounter counter;
  private EventLoopGroup group;
  private volatile Channel channel;

  @Override
  public void configure(Context context) {
    bind = context.getString(CONFIG_BIND);
    if (bind == null || bind.isEmpty()) {
      throw new ConfigurationException(CONFIG_BIND,
          "Netcat UDP source " + getName() + " needs bind, the address to listen on",
          "Add bind = localhost (this machine only) or bind = 0.0.0.0 (every interface)");
    }
    Integer configuredPort = context.getInteger(CONFIG_PORT);
    if (configuredPort == null) {
      throw new ConfigurationException(CONFIG_PORT,
          "Netcat UDP source " + getName() + " needs port, the UDP port to listen on",
          "Add port = 6666, or another free port from 1024 to 65535");
    }
    if (configuredPort < 0 || configuredPort > 65535) {
      throw new ConfigurationException(CONFIG_PORT,
          "Netcat UDP source " + getName() + ": port " + configuredPort + " is not a UDP port",
          "Use a port from 1024 to 65535");
    }
    port = configuredPort;
    String header = context.getString(CONFIG_REMOTE_ADDRESS_HEADER,
        context.getString(CONFIG_REMOTE_ADDRESS_FLUME));
    remoteAddressHeader = header == null || header.isEmpty() ? null : header;
  }

  @Override
  public SourceCounter getCounter() {
    SourceCounter c = counter;
    if (c == null) {
      synchronized (this) {
        if (counter == null) {
          counter = new SourceCounter(getName());
        }
        c = counter;
      }
    }
    return c;
  }

  /** The address the source listens on while started (with the actual port if port was 0). */
  public InetSocketAddress getLocalAddress() {
    Channel ch = channel;
    return ch == null ? null : (InetSocketAddress) ch.localAddress();
  }

  @Override
  public synchronized void start() {
    if (getChannelProcessor() == null) {
      throw new IllegalStateException("Netcat UDP source " + getName() + " has no channel processor");
    }
    if (channel != null) {
      throw new IllegalStateException("Netcat UDP source " + getName() + " is already started");
    }
    if (bind == null) {
      throw new IllegalStateException("Netcat UDP source " + getName() + " is not configured");
    }
    InetSocketAddress address = new InetSocketAddress(bind, port);
    if (address.isUnresolved()) {
      throw new FlumeException("Netcat UDP source " + getName() + " cannot listen on " + bind
          + ":" + port + ": the host name " + bind + " is unknown. Use an address of this "
          + "machine, localhost or 0.0.0.0 (<agent>.sources." + getName() + ".bind)");
    }
    SourceCounter sourceCounter = getCounter();
    group = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("netcatudp-" + getName()), NioIoHandler.newFactory());
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioDatagramChannel.class)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
        .handler(new NetcatUdpHandler(this, sourceCounter, remoteAddressHeader));
    ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      shutDownEventLoop();
      throw new FlumeException(bindFailure(bound.cause()), bound.cause());
    }
    channel = bound.channel();
    sourceCounter.start();
    super.start();
    InetSocketAddress local = getLocalAddress();
    LOG.info("Netcat UDP source {} listening on /{}:{} (udp)", getName(),
        local.getAddress().getHostAddress(), local.getPort());
  }

  private String bindFailure(Throwable cause) {
    String where = "Netcat UDP source " + getName() + " cannot listen on " + bind + ":" + port
        + " (udp): ";
    String reason = cause == null ? "unknown error" : String.valueOf(cause.getMessage());
    String lower = reason.toLowerCase(Locale.ROOT);
    if (lower.contains("already in use")) {
      return where + "Address already in use. Another agent or program uses this UDP port; stop "
          + "it or choose another port (<agent>.sources." + getName() + ".port)";
    }
    if (lower.contains("cannot assign requested address")) {
      return where + "Cannot assign requested address. " + bind + " is not an address of this "
          + "machine; use one of its addresses, localhost or 0.0.0.0 (<agent>.sources."
          + getName() + ".bind)";
    }
    if (lower.contains("permission denied") || lower.contains("access denied")) {
      return where + "Permission denied. Ports below 1024 need administrator rights; choose a "
          + "port from 1024 up (<agent>.sources." + getName() + ".port)";
    }
    return where + (cause == null ? reason : cause.getClass().getSimpleName() + ": " + reason);
  }

  @Override
  public synchronized void stop() {
    Channel ch = channel;
    channel = null;
    if (ch != null) {
      ch.close().awaitUninterruptibly();
    }
    shutDownEventLoop();
    getCounter().stop();
    super.stop();
    if (ch != null) {
      LOG.info("Netcat UDP source {} stopped listening on {}:{}; {}", getName(), bind, port,
          getCounter());
    }
  }

  private void shutDownEventLoop() {
    EventLoopGroup g = group;
    group = null;
    if (g == null) {
      return;
    }
    g.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    try {
      if (!g.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS)) {
        LOG.warn("Netcat UDP source {}: its I/O thread did not stop within {} s", getName(),
            SHUTDOWN_TIMEOUT_SECONDS + 5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
