package io.flumelab.labs.kafkacli;

import io.flumelab.harness.Lab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One step of the student's {@code kafka-cli.sh}, run as a student runs it: {@code bash
 * labs/12-kafka-cli/kafka-cli.sh STEP} from the checkout's root, so that the script's
 * {@code bin/kafka-*.sh} are the checkout's wrappers. The wrappers run Kafka's tools from this
 * test's class path (no build) and resolve the course's hosts through a hosts file of their own.
 */
final class CliScript implements AutoCloseable {

  static final String SCRIPT = "kafka-cli.sh";

  private final String step;
  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Thread[] pumps;

  private CliScript(String step, Process process) {
    this.step = step;
    this.process = process;
    this.pumps = new Thread[] {pump(process.getInputStream(), stdout),
        pump(process.getErrorStream(), stderr)};
  }

  static Path checkout() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("../..")
        .normalize();
  }

  /** Starts {@code kafka-cli.sh step}; {@code stateDir} holds the wrappers' hosts file. */
  static CliScript start(Path stateDir, String step) {
    Path script = Lab.file(SCRIPT);
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), step)
        .directory(checkout().toFile());
    builder.environment().put("FLUMELAB_SERVICES_CLASSPATH",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    builder.environment().put("FLUMELAB_STATE_DIR", stateDir.toString());
    try {
      return new CliScript(step, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + script, e);
    }
  }

  /** Runs {@code kafka-cli.sh step} to its end, with {@code input} on its stdin. */
  static CliScript run(Path stateDir, String step, String input, Duration timeout) {
    CliScript run = start(stateDir, step);
    run.feed(input);
    return run.awaitExit(timeout);
  }

  void feed(String input) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // a step that ended without reading its input: its exit status and output tell why
      if (process.isAlive()) {
        throw new UncheckedIOException(e);
      }
    }
  }

  CliScript awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError(SCRIPT + " " + step + " still ran after " + timeout.toSeconds()
            + " s; does this step end by itself? Its output:\n" + output());
      }
      for (Thread pump : pumps) {
        pump.join(5000);
      }
      return this;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Fails when the step has ended: for a step that runs until it is stopped (a console consumer),
   * waiting longer would find nothing more.
   */
  void assertRunning() {
    if (ended()) {
      throw endedError();
    }
  }

  /** Whether the step has ended; if so, its output has been read to the end. */
  boolean ended() {
    if (process.isAlive()) {
      return false;
    }
    for (Thread pump : pumps) {
      try {
        pump.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return true;
  }

  /**
   * Waits until the step printed all these lines; fails at once when it ends first, and after
   * {@code within} naming {@code what} the lines are and those missing.
   */
  void awaitPrinted(List<String> lines, Duration within, String what) {
    try {
      Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
        boolean ended = ended();
        if (stdout.containsAll(lines)) {
          return true;
        }
        if (ended) {
          throw endedError();
        }
        return false;
      });
    } catch (ConditionTimeoutException e) {
      List<String> missing = lines.stream().filter(line -> !stdout.contains(line)).toList();
      throw new AssertionError(SCRIPT + " " + step + " did not print, within "
          + within.toSeconds() + " s, " + what + " Missing: " + missing, e);
    }
  }

  AssertionError endedError() {
    return new AssertionError(SCRIPT + " " + step + " ended (exit status " + process.exitValue()
        + ") before it did what the test waits for; its output:\n" + output());
  }

  int exitCode() {
    return process.exitValue();
  }

  List<String> stdout() {
    return List.copyOf(stdout);
  }

  /** Both streams, for assertion messages. */
  String output() {
    return "stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr);
  }

  /** Ends the step and every process it started (a console consumer runs until stopped). */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread pump(InputStream stream, List<String> lines) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "kafka-cli-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
