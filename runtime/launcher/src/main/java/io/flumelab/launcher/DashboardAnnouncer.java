package io.flumelab.launcher;

import io.flumelab.api.Context;
import io.flumelab.core.agent.AgentAnnouncement;
import io.flumelab.core.monitor.HttpMetricsServer;
import io.flumelab.core.monitor.Monitoring;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.MonitoredAgent;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a running agent visible to {@code bin/flumelab dashboard}: writes its
 * {@link AgentAnnouncement} into the user's state directory ({@code -Dflumelab.state.dir}, which
 * {@code bin/flume-ng} passes) and removes it at a clean stop.
 *
 * <p>The dashboard reads the counters over HTTP. An agent started with
 * {@code -Dflume.monitoring.type=http} announces that server; any other agent serves its counters
 * for the dashboard on 127.0.0.1 at a port the system chooses. That is on by default, because the
 * dashboard is where students watch events move and should not need a flag per agent; it costs an
 * idle thread and a loopback port that nothing outside this machine reaches, and
 * {@code -Dflumelab.announce=false} turns both off. Failing to announce never stops the agent.
 */
final class DashboardAnnouncer {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardAnnouncer.class);

  private final Path directory;
  private final AgentAnnouncement announcement;
  private final HttpMetricsServer ownServer;

  private DashboardAnnouncer(Path directory, AgentAnnouncement announcement,
      HttpMetricsServer ownServer) {
    this.directory = directory;
    this.announcement = announcement;
    this.ownServer = ownServer;
  }

  /** Announces the started agent, if the system properties give a state directory and allow it. */
  static Optional<DashboardAnnouncer> announce(MonitoredAgent agent, Path jobFile,
      Monitoring monitoring, Supplier<List<ComponentCounter>> counters) {
    String stateDir = System.getProperty(AgentAnnouncement.STATE_DIR_PROPERTY, "").trim();
    if (stateDir.isEmpty() || !Boolean.parseBoolean(
        System.getProperty(AgentAnnouncement.ENABLED_PROPERTY, "true").trim())) {
      return Optional.empty();
    }
    Path directory = AgentAnnouncement.directory(Path.of(stateDir));
    HttpMetricsServer ownServer = null;
    try {
      InetSocketAddress served;
      Optional<InetSocketAddress> http = monitoring.httpAddress();
      if (http.isPresent()) {
        served = http.get();
      } else {
        ownServer = new HttpMetricsServer();
        ownServer.configure(new Context(Map.of("port", "0", "bind", HttpMetricsServer.DEFAULT_BIND)));
        ownServer.start(agent, counters);
        served = ownServer.address();
      }
      // a server on every interface answers on the loopback address too
      String host = served.getAddress().isAnyLocalAddress() ? HttpMetricsServer.DEFAULT_BIND
          : served.getAddress().getHostAddress();
      String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
          + served.getPort() + "/metrics";
      AgentAnnouncement.removeThoseOfGoneProcesses(directory);
      AgentAnnouncement announcement = AgentAnnouncement.ofThisProcess(agent.name(), jobFile, url);
      Path file = announcement.write(directory);
      LOG.info("Announced to the dashboard (bin/flumelab dashboard) in {}; counters at {}", file,
          url);
      return Optional.of(new DashboardAnnouncer(directory, announcement, ownServer));
    } catch (RuntimeException e) {
      if (ownServer != null) {
        ownServer.stop();
      }
      LOG.warn("Not shown on the dashboard: cannot announce the agent in {} ({}). The agent runs "
          + "as usual; -Dflumelab.announce=false leaves announcing out.", directory, e.getMessage());
      return Optional.empty();
    }
  }

  /** Removes the announcement and stops the counters' server of its own, if any. */
  void withdraw() {
    try {
      announcement.remove(directory);
    } catch (RuntimeException e) {
      LOG.warn("Cannot remove the agent's announcement: {}", e.getMessage());
    }
    if (ownServer != null) {
      ownServer.stop();
    }
  }
}
