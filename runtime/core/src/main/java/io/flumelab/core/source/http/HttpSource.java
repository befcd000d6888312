package io.flumelab.core.source.http;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
import io.flumelab.core.spi.HttpSourceHandler;
import io.flumelab.core.spi.ListenAddress;
import io.flumelab.core.spi.NettyServer;
import io.flumelab.core.spi.ServerSsl;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.spi.ThrottledLog;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts events by HTTP POST, like Flume's http source. The default handler,
 * org.apache.flume.source.http.JSONHandler, is {@link HttpJsonHandler}; another is the class name
 * of an {@link HttpSourceHandler}, given {@code handler.*} without the prefix. All events of a
 * request are put in one transaction; the answers are Flume's (see {@link HttpRequestHandler}).
 *
 * <p>Not supported: SSL ({@code ssl} / {@code enableSSL} = true is a configuration error; put a
 * TLS proxy in front; the other SSL keys are accepted and unused), and Jetty's
 * {@code QueuedThreadPool.*}, {@code HttpConfiguration.*}, {@code ServerConnector.*} and
 * {@code SslContextFactory.*} settings, which are ignored with a warning.
 *
 * <p>Memory: a request's body is held whole until its events are committed, so two keys bound it,
 * neither of them Flume's (Jetty reads any length): {@code maxRequestBytes}, above which a request
 * is answered 413, and {@code maxReadBytes}, the body bytes held at once across all connections,
 * beyond which a request is answered 503 with Retry-After before its body is read (see
 * {@link RequestBodyGate} for why not back-pressure, which the avro source's key of the same name
 * applies to its stream of calls).
 */
public class HttpSource extends CountedSource implements EventDrivenSource, Configurable {

  public static final String FLUME_JSON_HANDLER = "org.apache.flume.source.http.JSONHandler";

  static final Setting<Integer> PORT = ListenAddress.port(5140);
  static final Setting<String> BIND = Setting.host("bind").defaultValue("0.0.0.0")
      .doc("the address to listen on: 0.0.0.0 for every interface, localhost for this machine");
  static final Setting<String> HANDLER = Setting.string("handler").defaultValue(FLUME_JSON_HANDLER)
      .doc("the class turning a request into events: Flume's JSONHandler or an "
          + "HttpSourceHandler");
  // not Flume's (Jetty reads any length); maxReadBytes is the avro source's key for its budget
  static final Setting<Integer> MAX_REQUEST_BYTES = Setting.integer("maxRequestBytes")
      .defaultValue(64 * 1024 * 1024).check(Check.atLeast(1))
      .doc("the longest request body accepted; a longer one is answered 413");
  static final Setting<Long> MAX_READ_BYTES = Setting.longValue("maxReadBytes")
      .defaultValue(HttpSource::defaultReadBytes, "an eighth of the heap, at least maxRequestBytes")
      .check(Check.atLeast(1))
      .doc("bytes of request bodies being read, all connections together; a request beyond it is "
          + "answered 503 with Retry-After");
  // as a Jetty connector's idle timeout: a stalled upload must not hold its budget share forever
  static final Setting<Long> IDLE_TIMEOUT = Setting.millis("idleTimeout").defaultValue(30_000L)
      .check(Check.atLeast(0))
      .doc("how long a connection may send nothing, in a request or between requests, before it "
          + "is closed; 0 never");
  // Flume 1.11's deprecated spellings are aliases; its new ones win when both are set
  static final String HANDLER_PREFIX = "handler.";
  static final List<String> JETTY_PREFIXES = List.of("QueuedThreadPool.", "HttpConfiguration.",
      "ServerConnector.", "SslContextFactory.");

  public static final ComponentSpec SPEC = spec();

  private static ComponentSpec spec() {
    ComponentSpec.Builder spec = ComponentSpec.builder(SOURCE, "http", HttpSource.class)
        .flumeClass("org.apache.flume.source.http.HTTPSource")
        .settings(PORT, BIND, HANDLER, MAX_REQUEST_BYTES, MAX_READ_BYTES, IDLE_TIMEOUT)
        .settings(ServerSsl.SETTINGS)
        .passThrough(HANDLER_PREFIX);
    // accepted, so a Flume file passes the checker; configure warns that they are ignored
    JETTY_PREFIXES.forEach(spec::passThrough);
    return spec.build();
  }

  private static final Logger LOG = LoggerFactory.getLogger(HttpSource.class);
  private static final Set<String> JSON_HANDLER_NAMES =
      Set.of(FLUME_JSON_HANDLER, HttpJsonHandler.class.getName(), "JSONHandler");
  private static final int WORKER_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private String bind;
  private int port = -1;
  private HttpSourceHandler handler;
  private int maxRequestBytes;
  private long maxReadBytes;
  private long idleTimeoutMillis;
  /** Set by start: the budget is the running server's, shared by its connections. */
  private volatile RequestBodyBudget budget;
  private final ThrottledLog badRequestLog = new ThrottledLog(LOG);
  private final ThrottledLog unavailableLog = new ThrottledLog(LOG);

  private final NettyServer server = new NettyServer();

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    port = settings.get(PORT);
    bind = settings.get(BIND);
    String handlerClass = settings.get(HANDLER);
    maxRequestBytes = settings.get(MAX_REQUEST_BYTES);
    maxReadBytes = settings.get(MAX_READ_BYTES);
    idleTimeoutMillis = settings.get(IDLE_TIMEOUT);
    if (!settings.isSet(MAX_READ_BYTES)) {
      maxReadBytes = Math.max(maxReadBytes, maxRequestBytes);
    } else if (maxReadBytes < maxRequestBytes) {
      throw new ConfigurationException(settings.keyOf(MAX_READ_BYTES),
          describe() + ": maxReadBytes (" + maxReadBytes + ") is less than maxRequestBytes ("
              + maxRequestBytes + "), so the largest requests allowed could never be read",
          "Set maxReadBytes to at least " + maxRequestBytes + ", or lower maxRequestBytes");
    }
    ServerSsl.refuse(settings, "Remove ssl (plain HTTP), or put a TLS proxy such as nginx in front");
    for (String prefix : JETTY_PREFIXES) {
      for (String key : settings.under(prefix).keySet()) {
        LOG.warn("Http source {}: {}{} is a Jetty setting; FlumeLab's http source is not built on "
            + "Jetty and ignores it", getName(), prefix, key);
      }
    }
    handler = handler(handlerClass);
    handler.configure(new Context(settings.under(HANDLER_PREFIX)));
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
      throw new ConfigurationException(HANDLER.key(),
          "Http source " + getName() + ": handler class " + className + " is not available", fix);
    }
    if (!HttpSourceHandler.class.isAssignableFrom(type)) {
      throw new ConfigurationException(HANDLER.key(),
          "Http source " + getName() + ": handler " + className + " does not implement "
              + HttpSourceHandler.class.getName(),
          "Flume's servlet-based HTTPSourceHandler does not run here; implement "
              + HttpSourceHandler.class.getSimpleName() + " instead");
    }
    try {
      return (HttpSourceHandler) type.getConstructor().newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new ConfigurationException(HANDLER.key(), "Http source " + getName()
          + ": handler " + className + " cannot be created: " + e,
          "Give the class a public constructor without arguments");
    } catch (InvocationTargetException e) {
      throw new ConfigurationException(HANDLER.key(), "Http source " + getName()
          + ": the constructor of handler " + className + " failed: " + e.getCause(), null);
    }
  }

  HttpSourceHandler handler() {
    return handler;
  }

  private static long defaultReadBytes() {
    return Runtime.getRuntime().maxMemory() / 8;
  }

  /** Warnings about requests a client can send at will (malformed, too large): throttled. */
  ThrottledLog badRequestLog() {
    return badRequestLog;
  }

  /** Warnings about requests answered 503 (a full channel, no room to read): throttled. */
  ThrottledLog unavailableLog() {
    return unavailableLog;
  }

  /** The body budget of the running source; for tests. */
  RequestBodyBudget budget() {
    return budget;
  }

  @Override
  protected String describe() {
    return "Http source " + getName();
  }

  /** The address the source listens on while started (with the actual port if port was 0). */
  public InetSocketAddress getLocalAddress() {
    return server.localAddress();
  }

  @Override
  public synchronized void start() {
    requireStartable(server.isListening(), handler != null);
    ListenAddress where = ListenAddress.resolve(describe(), getName(), bind, port)
        .describingOtherCauses(Throwable::toString);
    SourceCounter sourceCounter = getCounter();
    RequestBodyBudget bodyBudget = new RequestBodyBudget(maxReadBytes);
    budget = bodyBudget;
    int maxBody = maxRequestBytes;
    // the aggregator answers "100 Continue" only for a request the gate let through, and closes
    // the connection after refusing an expectation, as the client may or may not send the body
    long idleMillis = idleTimeoutMillis;
    server.listenTcp(where, "http-" + getName(), WORKER_THREADS, false, ch -> {
      if (idleMillis > 0) {
        ch.pipeline().addLast(new ReadTimeoutHandler(idleMillis, TimeUnit.MILLISECONDS));
      }
      ch.pipeline()
          .addLast(new HttpServerCodec())
          .addLast(new RequestBodyGate(this, sourceCounter, bodyBudget, maxBody))
          .addLast(new HttpObjectAggregator(maxBody, true))
          .addLast(new HttpRequestHandler(this, sourceCounter));
    });
    super.start();
    InetSocketAddress local = getLocalAddress();
    LOG.info("Http source {} listening on http://{}:{}/", getName(),
        local.getAddress().getHostAddress(), local.getPort());
  }

  @Override
  public synchronized void stop() {
    boolean wasListening = server.close();
    super.stop();
    if (wasListening) {
      LOG.info("Http source {} stopped listening on {}:{}", getName(), bind, port);
    }
  }
}
