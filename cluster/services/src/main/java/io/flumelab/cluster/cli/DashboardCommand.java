package io.flumelab.cluster.cli;

import io.flumelab.cluster.dashboard.Dashboard;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flumelab dashboard}: the live page of the services and the running agents. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Serves a live page of the course's services and every running agent's "
        + "topology with its counters, until Ctrl-C. Agents started with bin/flume-ng announce "
        + "themselves to it.")
final class DashboardCommand implements Callable<Integer> {

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = Dashboard.DEFAULT_BIND,
      description = "The address to serve on: ${DEFAULT-VALUE} (this machine only) by default; "
          + "0.0.0.0 for every interface.")
  String bind;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + Dashboard.DEFAULT_PORT,
      description = "The port to serve on (default: ${DEFAULT-VALUE}; 0 for any free port).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = System.out;
    UserDirs dirs = UserDirs.fromSettings();
    Dashboard dashboard;
    try {
      dashboard = Dashboard.start(bind, port, dirs.root(), new SessionServices(dirs.sessionFile()));
    } catch (UncheckedIOException e) {
      System.err.println("flumelab: " + e.getMessage());
      return 1;
    }
    CountDownLatch stop = StopSignals.install();
    printUrl(out, dashboard);
    out.println("Ctrl-C stops it.");
    out.flush();
    stop.await();
    dashboard.close();
    return 0;
  }

  /** The lines {@code dashboard} and {@code up} print: where to look, and where agents announce. */
  static void printUrl(PrintStream out, Dashboard dashboard) {
    out.println("dashboard: " + dashboard.url() + "  (open it in a browser)");
    out.println("  agents started with bin/flume-ng announce themselves in " + dashboard.announcements());
  }
}
