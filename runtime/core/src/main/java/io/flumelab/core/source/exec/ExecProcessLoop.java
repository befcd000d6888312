package io.flumelab.core.source.exec;

import io.flumelab.api.EventBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an exec source's command, feeds each line of its standard output to the {@link ExecBatcher},
 * and, when the command ends, reports its exit status and restarts it if asked to. Runs on a
 * thread of its own; {@link #stop} ends the command with all its child processes.
 */
final class ExecProcessLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ExecSource.class);
  /** Stderr lines kept to explain an exit. */
  private static final int STDERR_TAIL = 5;
  static final long KILL_GRACE_MS = 5000;

  private final String sourceName;
  private final List<String> argv;
  private final String commandText;
  private final boolean restart;
  private final long restartThrottleMillis;
  private final boolean logStdErr;
  private final Charset charset;
  private final ExecBatcher batcher;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Process process;
  private volatile int runs;

  ExecProcessLoop(String sourceName, List<String> argv, String commandText, boolean restart,
      long restartThrottleMillis, boolean logStdErr, Charset charset, ExecBatcher batcher) {
    this.sourceName = sourceName;
    this.argv = List.copyOf(argv);
    this.commandText = commandText;
    this.restart = restart;
    this.restartThrottleMillis = restartThrottleMillis;
    this.logStdErr = logStdErr;
    this.charset = charset;
    this.batcher = batcher;
  }

  /** How many times the command has been started. */
  int runs() {
    return runs;
  }

  /** The running command, or null. */
  Process process() {
    return process;
  }

  @Override
  public void run() {
    while (!isStopped()) {
      String outcome = runOnce();
      if (isStopped()) {
        return;
      }
      if (!restart) {
        LOG.warn("Exec source {}: command [{}] {}. restart is false, so the source produces no "
            + "more events; set restart = true to run it again", sourceName, commandText, outcome);
        return;
      }
      LOG.warn("Exec source {}: command [{}] {}; restarting it in {} ms (restartThrottle)",
          sourceName, commandText, outcome, restartThrottleMillis);
      try {
        stopped.await(restartThrottleMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Runs the command until its output ends; returns what became of it, for the log. */
  private String runOnce() {
    Process p;
    try {
      p = new ProcessBuilder(argv).start();
    } catch (IOException e) {
      return "could not be started (" + e.getMessage() + "); check command (and shell, if set)";
    }
    process = p;
    runs++;
    if (isStopped()) {
      destroyTree(p);
    }
    LOG.info("Exec source {}: started [{}] (pid {})", sourceName, commandText, p.pid());
    Deque<String> stderrTail = new ArrayDeque<>();
    Thread stderr = new Thread(() -> readStderr(p, stderrTail),
        "exec-" + sourceName + "-stderr-" + p.pid());
    stderr.setDaemon(true);
    stderr.start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), charset))) {
      String line;
      while ((line = out.readLine()) != null) {
        batcher.add(EventBuilder.withBody(line, charset));
      }
    } catch (IOException e) {
      if (!isStopped()) {
        LOG.warn("Exec source {}: reading the output of [{}] failed: {}", sourceName, commandText,
            e.toString());
      }
    }
    batcher.flush();
    int status;
    try {
      if (!p.waitFor(KILL_GRACE_MS, TimeUnit.MILLISECONDS)) {
        // the output is closed but the command lives on: it can never send us anything again
        destroyTree(p);
      }
      status = p.waitFor();
      stderr.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      destroyTree(p);
      return "was interrupted";
    }
    synchronized (stderrTail) {
      String last = stderrTail.isEmpty() ? "" : "; its last error output: " + String.join(" | ", stderrTail);
      return "exited with status " + status + last;
    }
  }

  private void readStderr(Process p, Deque<String> tail) {
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), charset))) {
      String line;
      while ((line = err.readLine()) != null) {
        if (logStdErr) {
          LOG.info("Exec source {} stderr: {}", sourceName, line);
        }
        synchronized (tail) {
          if (tail.size() == STDERR_TAIL) {
            tail.removeFirst();
          }
          tail.addLast(line);
        }
      }
    } catch (IOException e) {
      // the process is gone; its stderr with it
    }
  }

  private boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Stops the loop and ends the running command with its child processes. */
  void stop() {
    stopped.countDown();
    Process p = process;
    if (p != null) {
      destroyTree(p);
    }
  }

  /**
   * Ends a process and every process it started (a shell's {@code tail -F}, say): politely first,
   * then forcibly after {@link #KILL_GRACE_MS}. Children are listed before the parent goes, since
   * an orphan is no longer its descendant.
   */
  static void destroyTree(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    children.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_GRACE_MS);
    for (ProcessHandle handle : concat(p.toHandle(), children)) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          handle.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        // timed out: forced below
      }
      if (handle.isAlive()) {
        handle.destroyForcibly();
      }
    }
  }

  private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
    List<ProcessHandle> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
