package io.flumelab.cluster.cli;

import io.flumelab.cluster.cli.Session.ServiceEntry;
import io.flumelab.cluster.dashboard.DashboardAddress;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;

/** {@code flumelab status}: what {@code up} runs, and whether each service answers. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows the services flumelab up runs and whether each answers.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:ready: up has started every service it runs, and each answers",
        "1:up has started them all but some do not answer, or up is gone",
        "3:nothing runs (no flumelab up)",
        "4:starting: up is still starting its services; ask again (a script waits for 0)"})
final class StatusCommand implements Callable<Integer> {

  static final int READY = 0;
  static final int NOT_ANSWERING = 1;
  static final int NOT_RUNNING = 3;
  static final int STARTING = 4;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    UserDirs dirs = UserDirs.fromSettings();
    Optional<Session> read = Session.read(dirs.sessionFile());
    if (read.isEmpty()) {
      out.println("flumelab: not running (no " + dirs.sessionFile() + "); start it with bin/flumelab up");
      printDashboards(out, dirs);
      return NOT_RUNNING;
    }
    int status = report(read.get(), out);
    printDashboards(out, dirs);
    return status;
  }

  /** Where the running dashboards serve their page ({@code up}'s, or one started alone). */
  private static void printDashboards(PrintStream out, UserDirs dirs) {
    List<DashboardAddress> running = DashboardAddress.running(dirs.root());
    if (!running.isEmpty()) {
      out.println();
    }
    for (DashboardAddress dashboard : running) {
      out.println("dashboard: " + dashboard.url() + "  (pid " + dashboard.pid() + ")");
    }
  }

  /** Prints what the session runs and returns the exit status. */
  static int report(Session session, PrintStream out) {
    LocalTime since = session.started().atZone(ZoneId.systemDefault()).toLocalTime()
        .truncatedTo(ChronoUnit.SECONDS);
    boolean alive = session.up().isAlive();
    if (!alive) {
      out.println("flumelab up (pid " + session.up().pid() + ", started " + since + ") is gone without "
          + "stopping its services; bin/flumelab down removes what it left");
    } else {
      out.println("flumelab up: " + (session.ready() ? "running" : "starting") + " (pid "
          + session.up().pid() + ", since " + since + ")");
      if (!session.ready()) {
        out.println("still starting: " + String.join(", ", notStarted(session))
            + "; status exits " + STARTING + " until every service is up and answers");
      }
    }
    out.println();
    SessionTable.printServices(out, session.services(), StatusCommand::answers);
    SessionTable.printHosts(out, session);
    SessionTable.printUsage(out, session);
    return exitStatus(session, alive, service -> silent(service).isEmpty());
  }

  /**
   * Ready only when {@code up} has finished starting and every service it runs answers: before
   * that the list of started services may be empty, and "all of none answer" is not ready.
   */
  static int exitStatus(Session session, boolean upAlive, Predicate<ServiceEntry> answers) {
    if (!upAlive) {
      return NOT_ANSWERING;
    }
    if (!session.ready()) {
      return STARTING;
    }
    if (!notStarted(session).isEmpty()) {
      return NOT_ANSWERING; // up said ready without one of them: it is not there to answer
    }
    boolean allAnswer = session.services().stream().filter(ServiceEntry::running)
        .allMatch(answers);
    return allAnswer ? READY : NOT_ANSWERING;
  }

  /** The services {@code up} is to run that are not running (yet). */
  private static List<String> notStarted(Session session) {
    return session.expected().stream().filter(name -> session.services().stream()
        .noneMatch(service -> service.name().equals(name) && service.running())).toList();
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
