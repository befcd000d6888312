package io.flumelab.avro;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.api.FlumeException;
import io.flumelab.core.counter.Counted;
import io.flumelab.core.counter.SourceCounter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ipfilter.IpFilterRule;
import io.netty.handler.ipfilter.RuleBasedIpFilter;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives events over Flume's avro protocol, from Flume's SDK client ({@code RpcClientFactory}),
 * a Flume avro sink or ours. Keys, as in Flume 1.11:
 *
 * <ul>
 *   <li>{@code bind}, {@code port} (required): where to listen; port 0 picks a free one.
 *   <li>{@code threads}: the I/O threads serving connections (default: the processors, at most 4).
 *   <li>{@code compression-type} (none): {@code deflate} expects clients that compress, as Flume's
 *       sink and client do with compression-type = deflate; both sides must agree.
 *   <li>{@code ipFilter} (false), {@code ipFilterRules}: allow or deny clients by address or name
 *       (see {@link IpFilterRules}); a denied connection is closed at once.
 *   <li>{@code ssl} (false): not supported yet; {@code ssl = true} is a configuration error rather
 *       than a silently unencrypted port.
 * </ul>
 *
 * <p>Each append or appendBatch goes to the channel processor in one call (one transaction per
 * channel) on the connection's I/O thread; the answer is {@code OK} only after the commit and
 * {@code FAILED} when a required channel refused, so the client retries and nothing uncommitted
 * is acknowledged. A connection that sends anything else is closed and counted as
 * {@code EventReadFail} (see {@link AvroConnectionHandler}); other connections are not affected.
 */
public class AvroSource extends AbstractSource implements EventDrivenSource, Configurable, Counted {

  public static final String CONFIG_BIND = "bind";
  public static final String CONFIG_PORT = "port";
  public static final String CONFIG_THREADS = "threads";
  public static final String CONFIG_COMPRESSION_TYPE = "compression-type";
  public static final String CONFIG_IP_FILTER = "ipFilter";
  public static final String CONFIG_IP_FILTER_RULES = IpFilterRules.KEY;
  public static final String CONFIG_SSL = "ssl";

  private static final Logger LOG = LoggerFactory.getLogger(AvroSource.class);
  private static final int DEFAULT_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

  private String bind;
  private int port;
  private int threads = DEFAULT_THREADS;
  private Compression compression = Compression.NONE;
  private List<IpFilterRule> ipFilterRules;

  /** Hashes of client protocols seen to be Flume's, besides our own. */
  private final Set<String> knownClientHashes = ConcurrentHashMap.newKeySet();
  private volatile SourceCounter counter;
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private volatile Channel serverChannel;
  private final Set<Channel> clients = ConcurrentHashMap.newKeySet();

  @Override
  public void configure(Context context) {
    bind = context.getString(CONFIG_BIND);
    if (bind == null || bind.isBlank()) {
      throw new ConfigurationException(CONFIG_BIND,
          "Avro source " + getName() + " needs bind, the address to listen on",
          "Add bind = 0.0.0.0 (every interface) or bind = localhost (this machine only)");
    }
    Integer configuredPort = context.getInteger(CONFIG_PORT);
    if (configuredPort == null || configuredPort < 0 || configuredPort > 65535) {
      throw new ConfigurationException(CONFIG_PORT,
          "Avro source " + getName() + (configuredPort == null
              ? " needs port, the TCP port to listen on"
              : ": port " + configuredPort + " is not a TCP port"),
          "Set port to a free port from 1024 to 65535, e.g. 4141");
    }
    port = configuredPort;
    threads = context.getInteger(CONFIG_THREADS, DEFAULT_THREADS);
    if (threads < 1) {
      throw new ConfigurationException(CONFIG_THREADS,
          "Avro source " + getName() + ": threads must be 1 or more, not " + threads,
          "Remove threads to use " + DEFAULT_THREADS + ", or set 1 or more");
    }
    compression = Compression.parse("Avro source " + getName(),
        context.getString(CONFIG_COMPRESSION_TYPE, "none"));
    if (context.getBoolean(CONFIG_SSL, false)) {
      throw new ConfigurationException(CONFIG_SSL,
          "Avro source " + getName() + ": ssl = true is not supported by FlumeLab yet",
          "Remove ssl (or set ssl = false) and keep the port on a trusted network");
    }
    ipFilterRules = null;
    if (context.getBoolean(CONFIG_IP_FILTER, false)) {
      String rules = context.getString(CONFIG_IP_FILTER_RULES);
      if (rules == null || rules.isBlank()) {
        throw new ConfigurationException(CONFIG_IP_FILTER_RULES,
            "Avro source " + getName() + ": ipFilter is true but ipFilterRules is not set",
            "Add ipFilterRules, e.g. allow:ip:127.*,deny:ip:*, or remove ipFilter");
      }
      ipFilterRules = IpFilterRules.parse(getName(), rules);
    }
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
    Channel server = serverChannel;
    return server == null ? null : (InetSocketAddress) server.localAddress();
  }

  /**
   * Whether a client's protocol is Flume's: its hash is ours or one seen before, or it sent its
   * text and that is Flume's protocol (rendered by another Avro version). False asks the client
   * for its text; a text that is not Flume's protocol is refused.
   */
  boolean knowsClient(Handshake.Request request, String peer) {
    String hash = Arrays.toString(request.clientHash());
    if (Arrays.equals(request.clientHash(), AvroProtocol.MD5) || knownClientHashes.contains(hash)) {
      return true;
    }
    if (request.clientProtocol() == null) {
      return false;
    }
    if (!AvroProtocol.isFlumeProtocol(request.clientProtocol())) {
      throw new AvroFormatException("the client speaks another Avro protocol than Flume's "
          + "AvroSourceProtocol");
    }
    LOG.info("Avro source {}: {} uses Flume's protocol with another hash; accepted",
        getName(), peer);
    knownClientHashes.add(hash);
    return true;
  }

  @Override
  public synchronized void start() {
    if (getChannelProcessor() == null) {
      throw new IllegalStateException("Avro source " + getName() + " has no channel processor");
    }
    if (serverChannel != null) {
      throw new IllegalStateException("Avro source " + getName() + " is already started");
    }
    if (bind == null) {
      throw new IllegalStateException("Avro source " + getName() + " is not configured");
    }
    InetSocketAddress address = new InetSocketAddress(bind, port);
    if (address.isUnresolved()) {
      throw new FlumeException("Avro source " + getName() + " cannot listen on " + bind + ":"
          + port + ": the host name " + bind + " is unknown. Use an address of this machine, "
          + "localhost or 0.0.0.0 (<agent>.sources." + getName() + ".bind)");
    }
    SourceCounter sourceCounter = getCounter();
    bossGroup = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("avro-" + getName() + "-accept"), NioIoHandler.newFactory());
    workerGroup = new MultiThreadIoEventLoopGroup(threads,
        new DefaultThreadFactory("avro-" + getName() + "-io"), NioIoHandler.newFactory());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            clients.add(ch);
            ch.closeFuture().addListener(f -> clients.remove(ch));
            ChannelPipeline pipeline = ch.pipeline();
            if (ipFilterRules != null) {
              pipeline.addLast(ipFilter());
            }
            compression.addTo(pipeline);
            pipeline.addLast(new FrameCodec());
            pipeline.addLast(new AvroConnectionHandler(AvroSource.this, sourceCounter));
          }
        });
    ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      shutDownEventLoops();
      throw new FlumeException(bindFailure(bound.cause()), bound.cause());
    }
    serverChannel = bound.channel();
    sourceCounter.start();
    super.start();
    InetSocketAddress local = getLocalAddress();
    LOG.info("Avro source {} listening on /{}:{}{}", getName(),
        local.getAddress().getHostAddress(), local.getPort(),
        compression == Compression.DEFLATE ? " (deflate)" : "");
  }

  private RuleBasedIpFilter ipFilter() {
    return new RuleBasedIpFilter(ipFilterRules.toArray(new IpFilterRule[0])) {
      @Override
      protected ChannelFuture channelRejected(ChannelHandlerContext ctx,
          InetSocketAddress remote) {
        LOG.info("Avro source {}: refused a connection from {} (ipFilterRules)", getName(),
            remote);
        return null;
      }
    };
  }

  private String bindFailure(Throwable cause) {
    String where = "Avro source " + getName() + " cannot listen on " + bind + ":" + port + ": ";
    String reason = cause == null ? "unknown error" : String.valueOf(cause.getMessage());
    String lower = reason.toLowerCase(Locale.ROOT);
    if (lower.contains("already in use")) {
      return where + "Address already in use. Another agent or program uses the port; stop it "
          + "or choose another port (<agent>.sources." + getName() + ".port)";
    }
    if (lower.contains("cannot assign requested address")) {
      return where + bind + " is not an address of this machine; use one of its addresses, "
          + "localhost or 0.0.0.0 (<agent>.sources." + getName() + ".bind)";
    }
    if (lower.contains("permission denied") || lower.contains("access denied")) {
      return where + "Permission denied. Ports below 1024 need administrator rights; choose a "
          + "port from 1024 up (<agent>.sources." + getName() + ".port)";
    }
    return where + reason;
  }

  @Override
  public synchronized void stop() {
    Channel server = serverChannel;
    serverChannel = null;
    if (server != null) {
      server.close().awaitUninterruptibly();
    }
    List<Channel> open = new ArrayList<>(clients);
    for (Channel client : open) {
      client.close();
    }
    for (Channel client : open) {
      client.closeFuture().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    shutDownEventLoops();
    getCounter().stop();
    super.stop();
    if (server != null) {
      LOG.info("Avro source {} stopped listening on {}:{}", getName(), bind, port);
    }
  }

  private void shutDownEventLoops() {
    List<EventLoopGroup> groups = new ArrayList<>(2);
    if (bossGroup != null) {
      groups.add(bossGroup);
    }
    if (workerGroup != null) {
      groups.add(workerGroup);
    }
    bossGroup = null;
    workerGroup = null;
    EventLoops.shutDown(groups, "Avro source " + getName(), SHUTDOWN_TIMEOUT_SECONDS);
  }
}
