package io.flumelab.cluster.cli;

import io.flumelab.cluster.cli.Session.ServiceEntry;
import io.flumelab.cluster.dashboard.ServicesView;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The services as {@code status} sees them, for the dashboard: the session {@code up} writes, and
 * whether each service's ports accept connections.
 */
final class SessionServices implements Supplier<ServicesView> {

  private final Path sessionFile;

  SessionServices(Path sessionFile) {
    this.sessionFile = sessionFile;
  }

  @Override
  public ServicesView get() {
    Optional<Session> read = Session.read(sessionFile);
    if (read.isEmpty()) {
      return new ServicesView("flumelab up is not running: start the services with bin/flumelab up",
          List.of());
    }
    Session session = read.get();
    LocalTime since = session.started().atZone(ZoneId.systemDefault()).toLocalTime()
        .truncatedTo(ChronoUnit.SECONDS);
    boolean alive = session.up().isAlive();
    String summary = alive
        ? "flumelab up: " + (session.ready() ? "running" : "starting") + " (pid " + session.up().pid()
            + ", since " + since + ")"
        : "flumelab up (pid " + session.up().pid() + ") is gone without stopping its services; "
            + "bin/flumelab down removes what it left";
    List<ServicesView.Row> rows = new ArrayList<>();
    for (ServiceEntry service : session.services()) {
      rows.add(row(service));
    }
    for (String expected : session.expected()) {
      if (session.services().stream().noneMatch(service -> service.name().equals(expected))) {
        rows.add(new ServicesView.Row(expected, "-", List.of(), "starting", ""));
      }
    }
    return new ServicesView(summary, rows);
  }

  private static ServicesView.Row row(ServiceEntry service) {
    if (!service.running()) {
      return new ServicesView.Row(service.name(), service.backend(), service.addresses(),
          "not running", service.reason());
    }
    List<String> silent = service.probes().stream().filter(probe -> !Probe.answers(probe)).toList();
    return new ServicesView.Row(service.name(), service.backend() + ": " + service.reason(),
        service.addresses(), silent.isEmpty() ? "answers" : "not answering",
        silent.isEmpty() ? "" : "nothing at " + String.join(", ", silent));
  }
}
