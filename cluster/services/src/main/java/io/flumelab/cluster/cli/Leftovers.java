package io.flumelab.cluster.cli;

import io.flumelab.cluster.WorkDirs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Removes what a session left when its {@code up} could not stop the services itself (it was
 * killed with SIGKILL): the programs it ran as children, their data, and the session file.
 */
final class Leftovers {

  private static final Duration CHILD_STOP_TIMEOUT = Duration.ofSeconds(10);

  private Leftovers() {}

  static void remove(Session session, Path sessionFile, PrintStream out) {
    for (RecordedProcess child : session.children()) {
      child.live().ifPresent(handle -> {
        out.println("stopping " + handle.info().command().orElse("process") + " (pid " + handle.pid()
            + "), left by flumelab up");
        stop(handle, CHILD_STOP_TIMEOUT);
      });
    }
    session.workDir().ifPresent(WorkDirs::delete);
    try {
      Files.deleteIfExists(sessionFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + sessionFile, e);
    }
  }

  /** SIGTERM, then SIGKILL if the process still runs after the timeout; true once it is gone. */
  static boolean stop(ProcessHandle handle, Duration timeout) {
    handle.destroy();
    if (awaitExit(handle, timeout)) {
      return true;
    }
    handle.destroyForcibly();
    return awaitExit(handle, CHILD_STOP_TIMEOUT);
  }

  static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }
}
