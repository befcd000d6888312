package io.flumelab.cluster.cli;

import io.flumelab.cluster.cli.Session.ServiceEntry;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code flumelab status}: what {@code up} runs, and whether each service answers. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows the services flumelab up runs and whether each answers. Exit status: 0 "
        + "all answer, 1 some do not, 3 nothing runs.")
final class StatusCommand implements Callable<Integer> {

  static final int NOT_RUNNING = 3;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    UserDirs dirs = UserDirs.fromSettings();
    Optional<Session> read = Session.read(dirs.sessionFile());
    if (read.isEmpty()) {
      out.println("flumelab: not running (no " + dirs.sessionFile() + "); start it with bin/flumelab up");
      return NOT_RUNNING;
    }
    Session session = read.get();
    LocalTime since = session.started().atZone(ZoneId.systemDefault()).toLocalTime()
        .truncatedTo(ChronoUnit.SECONDS);
    boolean alive = session.up().isAlive();
    if (!alive) {
      out.println("flumelab up (pid " + session.up().pid() + ", started " + since + ") is gone without "
          + "stopping its services; bin/flumelab down removes what it left");
    } else {
      out.println("flumelab up: " + (session.ready() ? "running" : "starting") + " (pid "
          + session.up().pid() + ", since " + since + ")");
    }
    out.println();
    boolean allAnswer = true;
    for (ServiceEntry service : session.services()) {
      allAnswer &= silent(service).isEmpty();
    }
    SessionTable.printServices(out, session.services(), StatusCommand::answers);
    SessionTable.printHosts(out, session);
    SessionTable.printUsage(out, session);
    return alive && allAnswer ? 0 : 1;
  }

  private static String answers(ServiceEntry service) {
    if (!service.running()) {
      return "-";
    }
    List<String> silent = silent(service);
    return silent.isEmpty() ? "yes" : "NO: nothing at " + String.join(", ", silent);
  }

  private static List<String> silent(ServiceEntry service) {
    return service.probes().stream().filter(probe -> !Probe.answers(probe)).toList();
  }
}
