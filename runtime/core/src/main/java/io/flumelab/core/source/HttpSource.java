package io.flumelab.core.source;

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
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts events by HTTP POST, like Flume's http source. Keys, as in Flume 1.11: {@code port}
 * (required), {@code bind} (0.0.0.0), {@code handler} (org.apache.flume.source.http.JSONHandler,
 * which is {@link HttpJsonHandler}; or the class name of an {@link HttpSourceHandler}) and
 * {@code handler.*}, passed to the handler without the prefix. All events of a request are put
 * in one transaction; the answers are Flume's (see {@link HttpRequestHandler}).
 *
 * <p>Not supported: SSL ({@code ssl} / {@code enableSSL} = true is a configuration error; put a
 * TLS proxy in front), and Jetty's {@code QueuedThreadPool.*}, {@code HttpConfiguration.*},
 * {@code ServerConnector.*} and {@code SslContextFactory.*} settings, which are ignored with a
 * warning. A request body may be at most {@value #MAX_REQUEST_BYTES} bytes (413 above).
 */
public class HttpSource extends AbstractSource implements EventDrivenSource, Configurable, Counted {

  public static final String CONFIG_PORT = "port";
  public static final String CONFIG_BIND = "bind";
  public static final String CONFIG_HANDLER = "handler";
  public static final String CONFIG_HANDLER_PREFIX = "handler.";
  public static final String CONFIG_SSL = "ssl";
  public static final String CONFIG_ENABLE_SSL = "enableSSL";
  public static final String DEFAULT_BIND = "0.0.0.0";
  public static final String FLUME_JSON_HANDLER = "org.apache.flume.source.http.JSONHandler";
  public static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;
  static final List<String> JETTY_PREFIXES = List.of("QueuedThreadPool.", "HttpConfiguration.",
      "ServerConnector.", "SslContextFactory.");

  private static final Logger LOG = LoggerFactory.getLogger(HttpSource.class);
  private static final Set<String> JSON_HANDLER_NAMES =
      Set.of(FLUME_JSON_HANDLER, HttpJsonHandler.class.getName(), "JSONHandler");
  private static final int WORKER_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

  private String bind = DEFAULT_BIND;
  private int port = -1;
  private HttpSourceHandler handler;

  private volatile SourceCounter counter;
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private volatile Channel serverChannel;
  private final Set<Channel> clients = ConcurrentHashMap.newKeySet();

  @Override
  public void configure(Context context) {
    Integer configuredPort = context.getInteger(CONFIG_PORT);
    if (configuredPort == null) {
      throw new ConfigurationException(CONFIG_PORT,
          "Http source " + getName() + " needs port, the TCP port to listen on",
          "Add port = 5140, or another free port from 1024 to 65535");
    }
    if (configuredPort < 0 || configuredPort > 65535) {
      throw new ConfigurationException(CONFIG_PORT,
          "Http source " + getName() + ": port " + configuredPort + " is not a TCP port",
          "Use a port from 1024 to 65535");
    }
    port = configuredPort;
    bind = context.getString(CONFIG_BIND, DEFAULT_BIND).trim();
    for (String key : List.of(CONFIG_SSL, CONFIG_ENABLE_SSL)) {
      if (context.getBoolean(key, false)) {
        throw new ConfigurationException(key,
            "Http source " + getName() + ": SSL is not supported by FlumeLab's http source",
            "Remove " + key + " (plain HTTP), or put a TLS proxy such as nginx in front");
      }
    }
    for (String key : context.getParameters().keySet()) {
      if (JETTY_PREFIXES.stream().anyMatch(key::startsWith)) {
        LOG.warn("Http source {}: {} is a Jetty setting; FlumeLab's http source is not built on "
            + "Jetty and ignores it", getName(), key);
      }
    }
    handler = handler(context.getString(CONFIG_HANDLER, FLUME_JSON_HANDLER).trim());
    handler.configure(new Context(context.getSubProperties(CONFIG_HANDLER_PREFIX)));
  }

  private HttpSourceHandler handler(String className) {
    if (JSON_HANDLER_NAMES.contains(className)) {
      return new HttpJsonHandler();
    }
    Class<?> type;
    try {
      type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      String fix = className.startsWith("org.apache.flume.")
          ? "FlumeLab has the JSON handler only: remove handler, or write an "
              + HttpSourceHandler.class.getName()
          : "Check the class name and that its jar is on the classpath (plugins.d or "
              + "--classpath)";
      throw new ConfigurationException(CONFIG_HANDLER,
          "Http source " + getName() + ": handler class " + className + " is not available", fix);
    }
    if (!HttpSourceHandler.class.isAssignableFrom(type)) {
      throw new ConfigurationException(CONFIG_HANDLER,
          "Http source " + getName() + ": handler " + className + " does not implement "
              + HttpSourceHandler.class.getName(),
          "Flume's servlet-based HTTPSourceHandler does not run here; implement "
              + HttpSourceHandler.class.getSimpleName() + " instead");
    }
    try {
      return (HttpSourceHandler) type.getConstructor().newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new ConfigurationException(CONFIG_HANDLER, "Http source " + getName()
          + ": handler " + className + " cannot be created: " + e,
          "Give the class a public constructor without arguments");
    } catch (InvocationTargetException e) {
      throw new ConfigurationException(CONFIG_HANDLER, "Http source " + getName()
          + ": the constructor of handler " + className + " failed: " + e.getCause(), null);
    }
  }

  HttpSourceHandler handler() {
    return handler;
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
      throw new IllegalStateException("Http source " + getName() + " has no channel processor");
    }
    if (serverChannel != null) {
      throw new IllegalStateException("Http source " + getName() + " is already started");
    }
    if (handler == null) {
      throw new IllegalStateException("Http source " + getName() + " is not configured");
    }
    InetSocketAddress address = new InetSocketAddress(bind, port);
    if (address.isUnresolved()) {
      throw new FlumeException("Http source " + getName() + " cannot listen on " + bind + ":"
          + port + ": the host name " + bind + " is unknown. Use an address of this machine, "
          + "localhost or 0.0.0.0 (<agent>.sources." + getName() + ".bind)");
    }
    SourceCounter sourceCounter = getCounter();
    bossGroup = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("http-" + getName() + "-accept"), NioIoHandler.newFactory());
    workerGroup = new MultiThreadIoEventLoopGroup(WORKER_THREADS,
        new DefaultThreadFactory("http-" + getName() + "-io"), NioIoHandler.newFactory());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            clients.add(ch);
            ch.closeFuture().addListener(f -> clients.remove(ch));
            ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpServerExpectContinueHandler())
                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(new HttpRequestHandler(HttpSource.this, sourceCounter));
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
    LOG.info("Http source {} listening on http://{}:{}/", getName(),
        local.getAddress().getHostAddress(), local.getPort());
  }

  private String bindFailure(Throwable cause) {
    String where = "Http source " + getName() + " cannot listen on " + bind + ":" + port + ": ";
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
    return where + (cause == null ? reason : cause.toString());
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
      LOG.info("Http source {} stopped listening on {}:{}", getName(), bind, port);
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
          LOG.warn("Http source {}: I/O threads did not stop within {} s", getName(),
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
}
