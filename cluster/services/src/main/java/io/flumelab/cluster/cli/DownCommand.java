package io.flumelab.cluster.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flumelab down}: asks {@code up} to stop (SIGTERM, as Ctrl-C would), waits, then removes
 * whatever is left, which covers an {@code up} that was killed with SIGKILL.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stops what flumelab up runs (from another terminal), and anything a killed "
        + "flumelab up left.")
final class DownCommand implements Callable<Integer> {

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "How long flumelab up may take to stop before it is killed. Default: ${DEFAULT-VALUE}.")
  private int timeoutSeconds;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    UserDirs dirs = UserDirs.fromSettings();
    Optional<Session> read = Session.read(dirs.sessionFile());
    if (read.isEmpty()) {
      out.println("flumelab: nothing to stop (no " + dirs.sessionFile() + ")");
      return 0;
    }
    Session session = read.get();
    long begin = System.nanoTime();
    Optional<ProcessHandle> up = session.up().live();
    if (up.isPresent()) {
      out.println("flumelab: stopping flumelab up (pid " + up.get().pid() + ")...");
      up.get().destroy();
      if (!Leftovers.awaitExit(up.get(), Duration.ofSeconds(timeoutSeconds))) {
        out.println("flumelab: flumelab up did not stop within " + timeoutSeconds + " s; killing it");
        Leftovers.stop(up.get(), Duration.ZERO);
      }
    } else {
      out.println("flumelab: flumelab up (pid " + session.up().pid() + ") is gone; removing what it left");
    }
    Leftovers.remove(session, dirs.sessionFile(), out);

    List<String> stillAnswering = session.services().stream().flatMap(s -> s.probes().stream())
        .filter(Probe::answers).toList();
    if (!stillAnswering.isEmpty()) {
      out.println("flumelab: stopped, but something still answers at " + String.join(", ", stillAnswering)
          + ": another program uses these ports");
      return 1;
    }
    out.printf(Locale.ROOT, "flumelab: stopped in %.1f s; its ports are free%n",
        (System.nanoTime() - begin) / 1e9);
    return 0;
  }
}
