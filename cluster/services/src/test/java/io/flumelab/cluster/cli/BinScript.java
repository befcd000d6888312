package io.flumelab.cluster.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One of the checkout's bin/ scripts run as a process, the way a user runs it, from this test's
 * classpath (FLUMELAB_SERVICES_CLASSPATH, so no build runs) and with its own state directory.
 */
final class BinScript {

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Thread[] pumps;

  private BinScript(Process process) {
    this.process = process;
    this.pumps = new Thread[] {pump(process.getInputStream(), stdout), pump(process.getErrorStream(), stderr)};
  }

  static Path checkout() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("../..").normalize();
  }

  /** Starts bin/{@code script} with the arguments; {@code env} adds to the environment. */
  static BinScript start(Path stateDir, Map<String, String> env, String script, String... args) {
    List<String> command = new ArrayList<>();
    command.add(checkout().resolve("bin").resolve(script).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(checkout().toFile());
    builder.environment().put("FLUMELAB_SERVICES_CLASSPATH",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    builder.environment().put("FLUMELAB_STATE_DIR", stateDir.toString());
    builder.environment().putAll(env);
    try {
      return new BinScript(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    }
  }

  /** Runs it to its end with {@code input} on stdin. */
  static BinScript run(Path stateDir, String input, String script, String... args) {
    BinScript run = start(stateDir, Map.of(), script, args);
    run.feed(input);
    return run.awaitExit(Duration.ofSeconds(90));
  }

  void feed(String input) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BinScript awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("still running after " + timeout.toSeconds() + " s; output:\n" + output());
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

  int exitCode() {
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  List<String> stdout() {
    return List.copyOf(stdout);
  }

  String out() {
    return String.join("\n", stdout);
  }

  String err() {
    return String.join("\n", stderr);
  }

  /** Both streams, for assertion messages. */
  String output() {
    return "stdout:\n" + out() + "\nstderr:\n" + err();
  }

  private static Thread pump(InputStream stream, List<String> lines) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "bin-script-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
