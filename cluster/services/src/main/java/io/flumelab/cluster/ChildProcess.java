package io.flumelab.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A program a local backend runs (mariadbd, gmond). Its output is kept (the last lines, for error
 * messages); it is stopped with SIGTERM, then SIGKILL, and killed when this JVM exits so no process
 * is left behind.
 */
public final class ChildProcess {

  private static final int KEPT_LINES = 60;
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> RUNNING.forEach(p -> p.toHandle().destroyForcibly()), "flumelab-children"));
  }

  private final String label;
  private final Process process;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private final Thread pump;

  private ChildProcess(String label, Process process) {
    this.label = label;
    this.process = process;
    this.pump = new Thread(this::pump, label + "-output");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts the command with stderr merged into stdout; {@code dir} is its working directory. */
  public static ChildProcess start(String label, List<String> command, Path dir) {
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).start();
      process.getOutputStream().close();
      RUNNING.add(process);
      return new ChildProcess(label, process);
    } catch (IOException e) {
      throw new ServiceException("Cannot run " + command.get(0) + ": " + e.getMessage(),
          "check that it is installed and executable", e);
    }
  }

  /** Runs a short command to its end and fails with its output unless it exits with 0. */
  public static void runToEnd(String label, List<String> command, Path dir, Duration timeout) {
    ChildProcess child = start(label, command, dir);
    try {
      if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        child.stop();
        throw new ServiceException(label + " did not finish within " + timeout.toSeconds() + " s. "
            + "Its output:\n" + child.output(), "see the output above");
      }
      child.joinPump();
      if (child.process.exitValue() != 0) {
        throw new ServiceException(label + " failed with exit status " + child.process.exitValue()
            + ". Its output:\n" + child.output(), "see the output above");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.stop();
      throw new ServiceException(label + " was interrupted", "");
    } finally {
      RUNNING.remove(child.process);
    }
  }

  private void pump() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (lastLines) {
          if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
          }
          lastLines.addLast(line);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /**
   * Waits until {@code ready} holds; fails at once if the process exits, and after the timeout if
   * it never gets ready (then it is killed). Either failure carries the process's last output.
   */
  public void awaitReady(BooleanSupplier ready, Duration timeout, String what, String fix) {
    try {
      Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
          .until(() -> {
            if (!process.isAlive()) {
              joinPump();
              RUNNING.remove(process);
              throw new ServiceException(label + " exited with status " + process.exitValue()
                  + " before " + what + ". Its output:\n" + output(), fix);
            }
            return ready.getAsBoolean();
          });
    } catch (ConditionTimeoutException e) {
      stop();
      throw new ServiceException(label + " did not get " + what + " within "
          + timeout.toSeconds() + " s and was stopped. Its output:\n" + output(), fix);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM, then SIGKILL if it is still running after 10 s. */
  public void stop() {
    try {
      if (process.isAlive()) {
        process.toHandle().destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.toHandle().destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.toHandle().destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      RUNNING.remove(process);
    }
  }

  public String output() {
    synchronized (lastLines) {
      return String.join("\n", lastLines);
    }
  }

  private void joinPump() {
    try {
      pump.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
