package io.flumelab.cluster.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flumelab.core.agent.AgentAnnouncement;
import io.flumelab.launcher.Graphviz;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * FlumeLab's live dashboard: a page ({@code /}) that shows the course's services and every
 * running agent's topology with live counters, fed by {@code /api/state} (JSON, polled by the page
 * every second) and {@code /api/topology.svg} (the picture, fetched again when the agents change).
 *
 * <p>Work is done when the page asks, not on a timer: with no page open the dashboard reads
 * nothing. Agents are read at most once a second and the services at most every
 * {@link #SERVICES_EVERY}, however many pages poll. One thread answers every request.
 */
public final class Dashboard implements AutoCloseable {

  /** The default port: beside gmond's 8649, free of the services' and agents' usual ports. */
  public static final int DEFAULT_PORT = 8660;
  public static final String DEFAULT_BIND = "127.0.0.1";
  static final Duration AGENTS_EVERY = Duration.ofMillis(900);
  static final Duration SERVICES_EVERY = Duration.ofSeconds(5);

  private static final Map<String, String> STATIC = Map.of(
      "/", "index.html", "/index.html", "index.html", "/dashboard.js", "dashboard.js",
      "/dashboard.css", "dashboard.css");

  private final HttpServer server;
  private final Path stateDir;
  private DashboardAddress address;
  private final AgentWatch watch;
  private final LiveTopology topology = new LiveTopology(Graphviz.onPath());
  private final Supplier<ServicesView> services;
  private final Clock clock = Clock.systemUTC();
  private ServicesView lastServices;
  private long servicesRead;
  private List<WatchedAgent> lastAgents = List.of();
  private long agentsRead;
  private String lastState;

  private Dashboard(HttpServer server, Path stateDir, Supplier<ServicesView> services) {
    this.server = server;
    this.stateDir = stateDir;
    this.watch = new AgentWatch(AgentAnnouncement.directory(stateDir), clock);
    this.services = services;
  }

  /**
   * Serves the dashboard on {@code bind:port} (port 0: one the system chooses).
   *
   * @param stateDir the user's FlumeLab state directory, where agents announce themselves
   * @throws UncheckedIOException when the address cannot be served (a port in use, say)
   */
  public static Dashboard start(String bind, int port, Path stateDir,
      Supplier<ServicesView> services) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the dashboard on " + bind + ":" + port + " ("
          + e.getMessage() + "); choose another port with --port, or stop what uses it", e);
    }
    Dashboard dashboard = new Dashboard(server, stateDir, services);
    server.createContext("/", dashboard::answer);
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "dashboard-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.start();
    try {
      dashboard.address = DashboardAddress.announce(stateDir, dashboard.url());
    } catch (UncheckedIOException e) {
      dashboard.close();
      throw e;
    }
    return dashboard;
  }

  /** The page's address: {@code http://127.0.0.1:8660/}. */
  public String url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1"
        : address.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/";
  }

  /** Where agents announce themselves. */
  public Path announcements() {
    return watch.directory();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equalsIgnoreCase("GET")) {
        send(exchange, 405, "text/plain; charset=utf-8", bytes("GET only\n"));
      } else if (path.equals("/api/state")) {
        send(exchange, 200, "application/json; charset=utf-8", bytes(state()));
      } else if (path.equals("/api/topology.svg")) {
        LiveTopology.Drawing drawing = topology.of(DashboardState.declared(agents()));
        if (drawing.svg() == null) {
          send(exchange, 404, "text/plain; charset=utf-8", bytes(drawing.problem() + "\n"));
        } else {
          send(exchange, 200, "image/svg+xml; charset=utf-8", bytes(drawing.svg()));
        }
      } else if (STATIC.containsKey(path)) {
        String name = STATIC.get(path);
        send(exchange, 200, contentType(name), resource(name));
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", bytes("Not found: " + path
            + " (the dashboard is at /)\n"));
      }
    }
  }

  /** The state, read again when the last read is older than {@link #AGENTS_EVERY}. */
  synchronized String state() {
    long now = System.nanoTime();
    if (lastState == null || now - agentsRead >= AGENTS_EVERY.toNanos()) {
      if (lastServices == null || now - servicesRead >= SERVICES_EVERY.toNanos()) {
        lastServices = services.get();
        servicesRead = now;
      }
      lastAgents = watch.refresh();
      agentsRead = now;
      lastState = DashboardState.json(clock.instant(), lastServices, lastAgents,
          topology.of(DashboardState.declared(lastAgents)));
    }
    return lastState;
  }

  private synchronized List<WatchedAgent> agents() {
    if (lastState == null) {
      state();
    }
    return lastAgents;
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("the dashboard's " + name + " is missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    if (address != null) {
      address.withdraw(stateDir);
    }
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
