package io.flumelab.core.config;

import io.flumelab.core.config.Endpoints.Listener;
import io.flumelab.core.config.TypeResolver.Resolved;
import io.flumelab.core.monitor.HttpMetricsServer;
import io.flumelab.core.source.spooldir.SpoolDirectorySource;
import io.flumelab.core.spi.ComponentKind;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what the file asks of this machine, as Vector's {@code check_resources} does: that each
 * source's bind address is one of its own, that its port is free (by binding it for a moment),
 * that a spooling directory is a directory the agent can use, and that the HTTP monitoring port is
 * free.
 *
 * <p>What a problem means depends on the purpose. For {@code check} each is an error: the agent
 * would not work as started now. At agent start only what can never work is an error, so that the
 * agent fails fast: a bind address that is not this machine's. A port in use or a missing spooling
 * directory may be freed or created while the agent runs (another agent stopping, a deployment
 * step), and the source keeps trying to start, so these are warnings that say so.
 */
final class ResourceChecker {

  /** Flume's default port of the HTTP monitoring server. */
  static final int DEFAULT_MONITORING_PORT = 41414;
  private static final List<String> HTTP_MONITORING_TYPES =
      List.of("http", "org.apache.flume.instrumentation.http.HTTPMetricsServer");
  private static final String SPOOL_DIR = "spoolDir";

  private final List<Listener> listeners;
  private final Findings findings;
  private final boolean forStart;

  private ResourceChecker(List<Listener> listeners, Findings findings, boolean forStart) {
    this.listeners = listeners;
    this.findings = findings;
    this.forStart = forStart;
  }

  /**
   * @param forStart the agent is starting (only what can never work is an error), rather than
   *     being checked
   */
  static void check(AgentConfig config, TypeResolver resolver, Map<String, String> systemProperties,
      boolean forStart, Findings findings) {
    List<Listener> listeners = Endpoints.listeners(config, resolver);
    ResourceChecker checker = new ResourceChecker(listeners, findings, forStart);
    Set<ComponentRef> invalid = findings.invalidComponents();
    for (Listener listener : listeners) {
      if (!invalid.contains(listener.source().ref())) {
        checker.checkListener(listener);
      }
    }
    for (ComponentConfig source : config.sources()) {
      if (!invalid.contains(source.ref()) && source.type() != null
          && resolver.resolve(ComponentKind.SOURCE, source.type()) instanceof Resolved r
          && r.spec() != null && r.spec().alias().equals(SpoolDirectorySource.SPEC.alias())) {
        checker.checkSpoolDir(source);
      }
    }
    if (!forStart) {
      // at start, the launcher's monitoring reports its own bind failure and stops the agent
      checker.checkMonitoringPort(systemProperties);
    }
  }

  private void checkListener(Listener listener) {
    ComponentConfig source = listener.source();
    Section section = source.section();
    String bindKey = section.fullKey(Endpoints.BIND);
    String portKey = section.fullKey(Endpoints.PORT);
    if (findings.hasProblemAt(bindKey) || findings.hasProblemAt(portKey)) {
      return;
    }
    int bindLine = source.lineOf(Endpoints.BIND);
    Optional<InetAddress> address = Hosts.isWildcard(listener.bind())
        ? Optional.of(new InetSocketAddress(0).getAddress()) : Hosts.resolve(listener.bind());
    if (address.isEmpty()) {
      // the launcher reads a hosts file from the -c directory or from bin/flumelab up's state
      findings.invalid(source.ref(), bindLine, bindKey, "the host name " + listener.bind()
          + " is unknown on this machine", "Map it to an address of this machine in /etc/hosts"
          + " or in a file named hosts in the -c conf directory (bin/flumelab up writes one for"
          + " the course's hosts), or " + Character.toLowerCase(useLocal().charAt(0))
          + useLocal().substring(1));
      return;
    }
    if (!Hosts.isLocal(address.get())) {
      findings.invalid(source.ref(), bindLine, bindKey, listener.bind()
          + (address.get().getHostAddress().equals(listener.bind()) ? ""
              : " (" + address.get().getHostAddress() + ")")
          + " is not an address of this machine, so " + source.ref().describe()
          + " could never listen on it", useLocal());
      return;
    }
    if (listener.port() == 0) {
      return; // any free port
    }
    String inUse = tryBind(address.get(), listener.port(), listener.udp());
    if (inUse == null) {
      return;
    }
    String message = listener.where() + " is " + inUse + ", so " + source.ref().describe()
        + " cannot listen there";
    String fix = "Stop what listens there (ss -ltnp 'sport = :" + listener.port()
        + "' shows it) or choose another port.";
    if (forStart) {
      findings.warning(source.lineOf(Endpoints.PORT), portKey, message + " now; the agent"
          + " starts anyway and the source keeps trying to listen until the port is free", fix);
    } else {
      findings.flaw(source.ref(), source.lineOf(Endpoints.PORT), portKey, message, fix);
    }
  }

  private String useLocal() {
    List<String> addresses = Hosts.localAddresses();
    return "Use one of this machine's addresses"
        + (addresses.isEmpty() ? "" : " (" + String.join(", ", addresses) + ")")
        + ", localhost, or 0.0.0.0 for all of them.";
  }

  /** Null if the port could be bound; otherwise why not ("in use", "not permitted"). */
  private static String tryBind(InetAddress address, int port, boolean udp) {
    try {
      if (udp) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
          socket.bind(new InetSocketAddress(address, port));
        }
      } else {
        try (ServerSocket socket = new ServerSocket()) {
          // as the sources' servers do: a port left in TIME_WAIT by a stopped agent is free
          socket.setReuseAddress(true);
          socket.bind(new InetSocketAddress(address, port));
        }
      }
      return null;
    } catch (IOException e) {
      String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (reason.contains("permission denied") || reason.contains("access denied")) {
        return "a port below 1024, which needs administrator rights";
      }
      return "in use";
    }
  }

  private void checkSpoolDir(ComponentConfig source) {
    Section section = source.section();
    String value = section.value(SPOOL_DIR);
    String key = section.fullKey(SPOOL_DIR);
    if (value == null || value.isBlank() || findings.hasProblemAt(key)) {
      return;
    }
    int line = section.line(SPOOL_DIR);
    Path dir;
    try {
      dir = Path.of(value.strip());
    } catch (InvalidPathException e) {
      findings.invalid(source.ref(), line, key, "'" + value + "' is not a path: " + e.getReason(),
          "Write the directory's path.");
      return;
    }
    String retrying = forStart ? "; the source keeps trying to start until it is fixed" : "";
    if (Files.isRegularFile(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      report(source, line, key, dir + " is a file, not a directory" + retrying,
          "Give spoolDir the directory the files are put in"
              + (parent != null ? ", such as " + parent : "") + ".");
    } else if (!Files.exists(dir)) {
      report(source, line, key, "the directory " + dir + " does not exist" + retrying,
          "Create it (mkdir -p " + dir + ") or fix the path.");
    } else if (!Files.isDirectory(dir)) {
      report(source, line, key, dir + " is not a directory" + retrying,
          "Give spoolDir the directory the files are put in.");
    } else if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
      report(source, line, key, "the agent cannot read and write " + dir
          + " (it renames done files there)" + retrying,
          "Let the user running the agent read and write it (chown, or chmod u+rwx " + dir + ").");
    }
  }

  /** An error for check; a warning at start, where the source keeps retrying. */
  private void report(ComponentConfig source, int line, String key, String message, String fix) {
    if (forStart) {
      findings.warning(line, key, message, fix);
    } else {
      findings.flaw(source.ref(), line, key, message, fix);
    }
  }

  private void checkMonitoringPort(Map<String, String> system) {
    String type = system.getOrDefault("flume.monitoring.type", "").strip();
    if (HTTP_MONITORING_TYPES.stream().noneMatch(type::equalsIgnoreCase)) {
      return;
    }
    String value = system.getOrDefault("flume.monitoring.port",
        String.valueOf(DEFAULT_MONITORING_PORT)).strip();
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return; // the monitoring's own configure says what is wrong with it
    }
    if (port <= 0 || port > 65535) {
      return;
    }
    String key = "flume.monitoring.port";
    for (Listener listener : sourcesOnPort(port)) {
      findings.flaw(null, listener.portLine(), listener.section().fullKey(Endpoints.PORT),
          "the HTTP monitoring port (-D" + key + "=" + port + ") is this source's port too",
          "Give the source or the monitoring (-D" + key + "=<port>) another port.");
      return;
    }
    // where the monitoring server binds: 127.0.0.1 unless -Dflume.monitoring.bind says otherwise
    String bind = system.getOrDefault("flume.monitoring.bind", HttpMetricsServer.DEFAULT_BIND)
        .strip();
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      return; // the monitoring's own configure says what is wrong with it
    }
    String inUse = tryBind(address, port, false);
    if (inUse != null) {
      findings.flaw(null, 0, key, "the HTTP monitoring port " + port + " is " + inUse,
          "Stop what listens there or choose another port with -D" + key + "=<port>.");
    }
  }

  private List<Listener> sourcesOnPort(int port) {
    return listeners.stream().filter(l -> !l.udp() && l.port() == port).toList();
  }
}
