package io.flumelab.core.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.FlumeException;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.MonitorService;
import io.flumelab.core.spi.MonitoredAgent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -Dflume.monitoring.type=http}: serves the counters as Flume's JSON at
 * {@code http://<host>:<port>/metrics} (port 41414 unless {@code flume.monitoring.port} says
 * otherwise), and in Prometheus' text format at {@code /metrics/prometheus} and at
 * {@code /metrics} to a request whose {@code Accept} prefers it (a Prometheus server's:
 * {@link MetricsFormat}). {@code /} links to both; other paths are 404, TRACE and OPTIONS 403.
 *
 * <p>It listens on 127.0.0.1 unless {@code flume.monitoring.bind} names another address
 * ({@code 0.0.0.0} for every interface): the counters describe the agent's traffic and more will
 * be served here, so other machines see them only when asked for. Flume has no such key and
 * serves on every address.
 */
public final class HttpMetricsServer implements MonitorService {

  public static final int DEFAULT_PORT = 41414;
  public static final String DEFAULT_BIND = "127.0.0.1";
  /** Where Prometheus' text format is served whatever the request accepts. */
  public static final String PROMETHEUS_PATH = "/metrics/prometheus";
  private static final String BIND_FIX = "set it to an address of this machine: "
      + "-Dflume.monitoring.bind=0.0.0.0 for every interface, or leave it out for 127.0.0.1 "
      + "(this machine only)";
  private static final Logger LOG = LoggerFactory.getLogger(HttpMetricsServer.class);

  private int port = DEFAULT_PORT;
  private String bind = DEFAULT_BIND;
  /** The resolved bind; null until configured, when the default's literal is resolved at start. */
  private InetAddress bindAddress;
  private HttpServer server;

  @Override
  public void configure(Context context) {
    String value = context.getString("port", String.valueOf(DEFAULT_PORT)).trim();
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new ConfigurationException("flume.monitoring.port", "-Dflume.monitoring.port=" + value
          + " is not a port (0 to 65535)", "set it to a free port, e.g. -Dflume.monitoring.port=34545");
    }
    bind = context.getString("bind", DEFAULT_BIND).trim();
    try {
      bindAddress = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new ConfigurationException("flume.monitoring.bind", "-Dflume.monitoring.bind=" + bind
          + " is not a host name or address this machine can resolve", BIND_FIX);
    }
  }


  /** Starts without the agent's name and components' types: Prometheus' labels go without them. */
  @Override
  public void start(Supplier<List<ComponentCounter>> counters) {
    start(MonitoredAgent.unnamed(), counters);
  }

  @Override
  public synchronized void start(MonitoredAgent agent, Supplier<List<ComponentCounter>> counters) {
    try {
      server = HttpServer.create(new InetSocketAddress(resolvedBind(), port), 16);
    } catch (BindException e) {
      if (String.valueOf(e.getMessage()).contains("assign requested address")) {
        throw new FlumeException("Cannot serve metrics on " + bind + ": it is not an address of "
            + "this machine (-Dflume.monitoring.bind); " + BIND_FIX, e);
      }
      throw new FlumeException("Cannot serve metrics on port " + port + ": it is in use (" + e
          .getMessage() + "). Choose another with -Dflume.monitoring.port=<port>", e);
    } catch (IOException e) {
      throw new FlumeException("Cannot serve metrics on port " + port + ": " + e, e);
    }
    server.createContext("/", exchange -> answer(exchange, agent, counters));
    server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "monitoring-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    LOG.info("Metrics served as JSON at http://{}:{}/metrics and for Prometheus at {}{}", bind,
        port(), PROMETHEUS_PATH,
        address().getAddress().isLoopbackAddress()
            ? " (this machine only; -Dflume.monitoring.bind=0.0.0.0 serves every interface)" : "");
  }

  /** The address and port served on; the configured ones before the start. */
  public synchronized InetSocketAddress address() {
    try {
      return server == null ? new InetSocketAddress(resolvedBind(), port) : server.getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("unresolved bind " + bind, e); // configure() checked it
    }
  }

  private InetAddress resolvedBind() throws UnknownHostException {
    return bindAddress != null ? bindAddress : InetAddress.getByName(bind);
  }

  /** The port served on (the one chosen by the system when configured as 0). */
  public synchronized int port() {
    return server == null ? port : server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, MonitoredAgent agent,
      Supplier<List<ComponentCounter>> counters) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (method.equalsIgnoreCase("TRACE") || method.equalsIgnoreCase("OPTIONS")) {
        send(exchange, 403, "text/plain; charset=utf-8", "Forbidden\n");
      } else if (path.equals("/")) {
        send(exchange, 200, "text/html; charset=utf-8", "<html><body>For Flume metrics please "
            + "click <a href = \"./metrics\"> here</a>. For Prometheus: <a href = \"."
            + PROMETHEUS_PATH + "\">" + PROMETHEUS_PATH + "</a>.</body></html>\n");
      } else if (path.equalsIgnoreCase("/metrics")) {
        MetricsFormat format = MetricsFormat.forAccept(exchange.getRequestHeaders()
            .getFirst("Accept"));
        exchange.getResponseHeaders().set("Vary", "Accept");
        send(exchange, 200, format.contentType(), format.render(agent, counters.get()));
      } else if (path.equalsIgnoreCase(PROMETHEUS_PATH)) {
        send(exchange, 200, MetricsFormat.PROMETHEUS.contentType(),
            MetricsFormat.PROMETHEUS.render(agent, counters.get()));
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", "Not found: " + path
            + " (metrics are at /metrics, for Prometheus at " + PROMETHEUS_PATH + ")\n");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
      server = null;
    }
  }
}
