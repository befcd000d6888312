package io.flumelab.core.source;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.ChannelProcessor;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.api.FlumeException;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.counter.Counted;
import io.flumelab.core.counter.SourceCounter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
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
 * Listens on a TCP port and turns each line a client sends into an event, like
 * {@code nc -k -l host port} feeding Flume. Keys, as in Flume 1.11:
 *
 * <ul>
 *   <li>{@code bind} (required): host name or address to listen on; {@code 0.0.0.0} for all.
 *   <li>{@code port} (required): TCP port; 0 picks a free one (see {@link #getLocalAddress()}).
 *   <li>{@code max-line-length} (512): the most body bytes one line yields.
 *   <li>{@code ack-every-event} (true): answer {@code OK\n} for each line once it is committed.
 *   <li>{@code encoding} (utf-8): the text encoding of lines and replies; it must encode ASCII as
 *       ASCII (UTF-8, ISO-8859-x, windows-125x, GBK, ... but not UTF-16).
 *   <li>{@code batchSize} (100), a FlumeLab extension: the most lines handed to the channels in one
 *       transaction. A memory channel refuses a transaction above its transactionCapacity, so at
 *       start the batch is lowered to the smallest transactionCapacity of the memory channels the
 *       source writes to (Flume's netcat source writes one line per transaction, so any channel
 *       that works there works here).
 * </ul>
 *
 * <p>Behaviour, line by line (details in {@link NetcatConnectionHandler}):
 *
 * <ul>
 *   <li>The body is the bytes before {@code \n}. A {@code \r} before it stays in the body, as in
 *       Flume (a telnet line shows up as {@code hello.} in the logger sink).
 *   <li>A longer line is cut to {@code max-line-length} bytes (never inside a multi-byte
 *       character), the rest up to the newline is skipped, and the event is still delivered. Each
 *       cut line counts as {@code EventReadFail}; the first per connection is logged at WARN.
 *       Flume instead answers {@code FAILED} and drops the connection.
 *   <li>Lines read in one burst go to the channel processor in batches; {@code OK}s are written
 *       after the batch commits and flushed once per burst. If the channels refuse a batch, every
 *       line of it is answered {@code FAILED: reason} (also without ack-every-event, as in Flume)
 *       and {@code ChannelWriteFail} counts the refused batch. Nothing uncommitted is acknowledged.
 *   <li>A line that is not valid text in {@code encoding} gets {@code FAILED}, counts as
 *       {@code EventReadFail}, and the connection is closed (Flume drops it silently). Bytes left
 *       without a newline when a client disconnects are discarded and count as {@code EventReadFail}.
 *       Neither affects other connections.
 *   <li>A client that does not read its {@code OK}s is no longer read from until it does.
 * </ul>
 *
 * <p>One acceptor thread and a few I/O threads serve all connections; the channel processor is
 * called on the I/O thread, so a full channel slows that thread's clients, as back-pressure.
 */
public class NetcatSource extends AbstractSource
    implements EventDrivenSource, Configurable, Counted {

  public static final String CONFIG_BIND = "bind";
  public static final String CONFIG_PORT = "port";
  public static final String CONFIG_MAX_LINE_LENGTH = "max-line-length";
  public static final String CONFIG_ACK_EVERY_EVENT = "ack-every-event";
  public static final String CONFIG_ENCODING = "encoding";
  public static final String CONFIG_BATCH_SIZE = "batchSize";
  public static final int DEFAULT_MAX_LINE_LENGTH = 512;
  public static final boolean DEFAULT_ACK_EVERY_EVENT = true;
  public static final String DEFAULT_ENCODING = "utf-8";
  public static final int DEFAULT_BATCH_SIZE = 100;

  private static final Logger LOG = LoggerFactory.getLogger(NetcatSource.class);
  private static final int WORKER_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

  private String bind;
  private int port;
  private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
  private boolean ackEveryEvent = DEFAULT_ACK_EVERY_EVENT;
  private Charset encoding = StandardCharsets.UTF_8;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private boolean batchSizeConfigured;
  /** batchSize, lowered to what the channels accept; set by start. */
  private volatile int effectiveBatchSize = DEFAULT_BATCH_SIZE;

  private volatile SourceCounter counter;
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private volatile Channel serverChannel;
  private final Set<Channel> clients = ConcurrentHashMap.newKeySet();

  @Override
  public void configure(Context context) {
    bind = context.getString(CONFIG_BIND);
    if (bind == null || bind.isEmpty()) {
      throw new ConfigurationException(CONFIG_BIND,
          "Netcat source " + getName() + " needs bind, the address to listen on",
          "Add bind = localhost (this machine only) or bind = 0.0.0.0 (every interface)");
    }
    Integer configuredPort = context.getInteger(CONFIG_PORT);
    if (configuredPort == null) {
      throw new ConfigurationException(CONFIG_PORT,
          "Netcat source " + getName() + " needs port, the TCP port to listen on",
          "Add port = 44444, or another free port from 1024 to 65535");
    }
    if (configuredPort < 0 || configuredPort > 65535) {
      throw new ConfigurationException(CONFIG_PORT,
          "Netcat source " + getName() + ": port " + configuredPort + " is not a TCP port",
          "Use a port from 1024 to 65535");
    }
    port = configuredPort;
    maxLineLength = positive(context, CONFIG_MAX_LINE_LENGTH, DEFAULT_MAX_LINE_LENGTH);
    ackEveryEvent = context.getBoolean(CONFIG_ACK_EVERY_EVENT, DEFAULT_ACK_EVERY_EVENT);
    batchSize = positive(context, CONFIG_BATCH_SIZE, DEFAULT_BATCH_SIZE);
    batchSizeConfigured = context.containsKey(CONFIG_BATCH_SIZE);
    encoding = encoding(context.getString(CONFIG_ENCODING, DEFAULT_ENCODING));
  }

  private int positive(Context context, String key, int defaultValue) {
    int value = context.getInteger(key, defaultValue);
    if (value < 1) {
      throw new ConfigurationException(key,
          "Netcat source " + getName() + ": " + key + " must be 1 or more, not " + value,
          "Remove " + key + " to use the default, " + defaultValue);
    }
    return value;
  }

  private Charset encoding(String name) {
    Charset charset;
    try {
      charset = Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ConfigurationException(CONFIG_ENCODING,
          "Netcat source " + getName() + ": unknown encoding '" + name + "'",
          "Use a Java charset name such as utf-8 or iso-8859-1");
    }
    // lines are split on the byte 0x0A and replies are ASCII, so the encoding must keep ASCII as is
    String probe = "\n\r OK FAILED: az AZ 09";
    if (!charset.canEncode()
        || !Arrays.equals(probe.getBytes(charset), probe.getBytes(StandardCharsets.US_ASCII))) {
      throw new ConfigurationException(CONFIG_ENCODING,
          "Netcat source " + getName() + ": encoding " + charset.name()
              + " does not write ASCII characters as single ASCII bytes, so lines cannot be "
              + "split on newlines",
          "Use utf-8, iso-8859-1 or another ASCII-compatible encoding");
    }
    return charset;
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

  @Override
  public synchronized void start() {
    if (getChannelProcessor() == null) {
      throw new IllegalStateException("Netcat source " + getName() + " has no channel processor");
    }
    if (serverChannel != null) {
      throw new IllegalStateException("Netcat source " + getName() + " is already started");
    }
    if (bind == null) {
      throw new IllegalStateException("Netcat source " + getName() + " is not configured");
    }
    InetSocketAddress address = new InetSocketAddress(bind, port);
    if (address.isUnresolved()) {
      throw new FlumeException("Netcat source " + getName() + " cannot listen on " + bind + ":"
          + port + ": the host name " + bind + " is unknown. Use an address of this machine, "
          + "localhost or 0.0.0.0 (<agent>.sources." + getName() + ".bind)");
    }
    effectiveBatchSize = fitBatchToChannels();
    SourceCounter sourceCounter = getCounter();
    bossGroup = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("netcat-" + getName() + "-accept"), NioIoHandler.newFactory());
    workerGroup = new MultiThreadIoEventLoopGroup(WORKER_THREADS,
        new DefaultThreadFactory("netcat-" + getName() + "-io"), NioIoHandler.newFactory());
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
            ch.pipeline().addLast(new NetcatConnectionHandler(NetcatSource.this, sourceCounter));
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
    // the lab harness and students wait for this line
    LOG.info("Netcat source {} listening on /{}:{}", getName(),
        local.getAddress().getHostAddress(), local.getPort());
  }

  /** batchSize, or less if a memory channel written to has a smaller transactionCapacity. */
  private int fitBatchToChannels() {
    ChannelProcessor processor = getChannelProcessor();
    if (!(processor instanceof DefaultChannelProcessor defaultProcessor)) {
      return batchSize;
    }
    int fitted = batchSize;
    String limitedBy = null;
    for (io.flumelab.api.Channel channel : defaultProcessor.getSelector().getAllChannels()) {
      if (channel instanceof MemoryChannel memory && memory.getTransactionCapacity() < fitted) {
        fitted = memory.getTransactionCapacity();
        limitedBy = memory.getName();
      }
    }
    if (limitedBy != null) {
      String message = "Netcat source {}: batchSize {} is above the transactionCapacity of "
          + "channel {}; delivering at most {} lines per transaction";
      if (batchSizeConfigured) {
        LOG.warn(message, getName(), batchSize, limitedBy, fitted);
      } else {
        LOG.info(message, getName(), batchSize, limitedBy, fitted);
      }
    }
    return fitted;
  }

  private String bindFailure(Throwable cause) {
    String where = "Netcat source " + getName() + " cannot listen on " + bind + ":" + port + ": ";
    String reason = cause == null ? "unknown error" : String.valueOf(cause.getMessage());
    String lower = reason.toLowerCase(Locale.ROOT);
    if (lower.contains("already in use")) {
      return where + "Address already in use. Another agent or program uses the port; stop it "
          + "or choose another port (<agent>.sources." + getName() + ".port)";
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
    if (cause == null || cause instanceof BindException) {
      return where + reason;
    }
    return where + cause.getClass().getSimpleName() + ": " + reason;
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
      LOG.info("Netcat source {} stopped listening on {}:{}", getName(), bind, port);
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
    for (EventLoopGroup group : groups) {
      group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    boolean interrupted = false;
    for (EventLoopGroup group : groups) {
      try {
        if (!group.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS)) {
          LOG.warn("Netcat source {}: I/O threads did not stop within {} s", getName(),
              SHUTDOWN_TIMEOUT_SECONDS + 5);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  int maxLineLength() {
    return maxLineLength;
  }

  boolean ackEveryEvent() {
    return ackEveryEvent;
  }

  Charset encoding() {
    return encoding;
  }

  int batchSize() {
    return effectiveBatchSize;
  }
}
