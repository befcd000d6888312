package io.flumelab.harness;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An agent running as a child JVM, started by {@code bin/flume-ng agent} as a student starts it:
 * its console output is captured line by line, and it can be stopped with SIGTERM, killed with
 * SIGKILL, and started again with the same arguments. It counts as up when its status file says
 * {@code started} (see {@code -Dflumelab.status.file}), not when some log line appears.
 */
public final class AgentProcess implements AutoCloseable {

  /** How long an agent may take to start or to stop on its own. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"(\\w+)\"");
  /**
   * Lines of one agent echoed to the test's output: enough to follow a run by hand, while an
   * agent that prints without end (a debugging loop left in a sink) cannot flood the build's log.
   */
  static final int ECHOED_LINES = 5_000;
  /** The last lines of the output a failure message quotes. */
  static final int QUOTED_LINES = 200;

  private final String agentName;
  private final Path configFile;
  private final Path confDir;
  private final List<String> extraArgs;
  private final List<String> jvmArgs;
  private final Path statusFile;
  private final List<String> output = new ArrayList<>();
  private Process process;
  private Thread pump;

  /**
   * @param confDir the {@code -c} directory (flume-env.sh, log4j2.xml, hosts), or null
   * @param jvmArgs {@code -D} and {@code -X} options for the agent's JVM
   */
  AgentProcess(String agentName, Path configFile, Path confDir, List<String> jvmArgs,
      List<String> extraArgs) {
    this.agentName = agentName;
    this.configFile = configFile;
    this.confDir = confDir;
    this.jvmArgs = List.copyOf(jvmArgs);
    this.extraArgs = List.copyOf(extraArgs);
    try {
      this.statusFile = Files.createTempFile("flumelab-agent-" + agentName + "-", ".status.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return agentName;
  }

  /**
   * Launches the agent and waits until it reports that every component started.
   *
   * @throws AssertionError with the agent's output if it exits first (a bad config, say)
   */
  public synchronized AgentProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Agent " + agentName + " is already running");
    }
    List<String> args = new ArrayList<>(List.of("agent"));
    if (confDir != null) {
      args.addAll(List.of("-c", confDir.toString()));
    }
    args.addAll(List.of("-n", agentName, "-f", configFile.toString(),
        "-Dflume.root.logger=INFO,console", "-Dflumelab.status.file=" + statusFile));
    args.addAll(jvmArgs);
    args.addAll(extraArgs);
    try {
      // a killed agent leaves its last status behind; this start must write its own
      Files.deleteIfExists(statusFile);
      process = AgentCommandLine.flumeNg(args).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot launch bin/flume-ng " + args, e);
    }
    Process started = process;
    pump = new Thread(() -> pump(started), "agent-" + agentName + "-output");
    pump.setDaemon(true);
    pump.start();
    awaitStartedOrExited();
    return this;
  }

  /** The state the agent last wrote to its status file ("started", "stopped"...), or null. */
  public String state() {
    try {
      if (!Files.exists(statusFile)) {
        return null;
      }
      Matcher matcher = STATE.matcher(Files.readString(statusFile, StandardCharsets.UTF_8));
      return matcher.find() ? matcher.group(1) : null;
    } catch (IOException e) {
      return null; // between the writer's rename and our read; asked again
    }
  }

  private void pump(Process from) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int echoed = 0;
      while ((line = reader.readLine()) != null) {
        synchronized (output) {
          output.add(line);
        }
        if (echoed < ECHOED_LINES) {
          System.out.println("[" + agentName + "] " + line);
        } else if (echoed == ECHOED_LINES) {
          System.out.println("[" + agentName + "] (" + ECHOED_LINES + " lines shown; the rest is "
              + "not echoed here, the test still reads it)");
        }
        echoed++;
      }
    } catch (IOException e) {
      // the process ended; its output so far is kept
    }
  }

  private void awaitStartedOrExited() {
    try {
      await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
          .until(() -> !process.isAlive() || "started".equals(state()));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Agent " + agentName + " did not start within "
          + START_TIMEOUT.toSeconds() + " s. Its output:\n" + outputTail(), e);
    }
    if (!process.isAlive()) {
      waitForPump();
      throw new AssertionError("Agent " + agentName + " exited with status " + process.exitValue()
          + " instead of starting (config " + configFile + "). Its output:\n" + outputTail());
    }
  }

  /** Waits until a TCP port accepts connections, e.g. the agent's netcat or avro source. */
  public AgentProcess awaitListening(String host, int port) {
    try {
      await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(() -> {
            assertAlive();
            try (Socket socket = new Socket()) {
              socket.connect(new InetSocketAddress(host, port), 500);
              return true;
            }
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Nothing listens on " + host + ":" + port + " although agent "
          + agentName + " started. Check the source's bind and port. Agent output:\n" + outputTail(), e);
    }
    return this;
  }

  /** Waits until some output line contains the text; fails with the output so far if none does. */
  public String awaitLine(String text, Duration timeout) {
    return awaitLine(line -> line.contains(text), "a line containing \"" + text + "\"", timeout);
  }

  public String awaitLine(Predicate<String> matcher, String description, Duration timeout) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(20))
          .until(() -> outputContains(matcher));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Agent " + agentName + " did not print " + description + " within "
          + timeout.toSeconds() + " s. Its output:\n" + outputTail(), e);
    }
    synchronized (output) {
      return output.stream().filter(matcher).findFirst().orElseThrow();
    }
  }

  /** Every line printed so far that matches the pattern, as its matchers. */
  public List<Matcher> matches(Pattern pattern) {
    List<Matcher> matches = new ArrayList<>();
    for (String line : output()) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.find()) {
        matches.add(matcher);
      }
    }
    return matches;
  }

  public boolean outputContains(Predicate<String> matcher) {
    synchronized (output) {
      return output.stream().anyMatch(matcher);
    }
  }

  public List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  public String outputText() {
    return String.join("\n", output());
  }

  /**
   * The last {@value #QUOTED_LINES} lines of the output, for a failure message: the agent's
   * newest lines say why it failed, and a message quoting megabytes helps no one.
   */
  public String outputTail() {
    List<String> lines = output();
    if (lines.size() <= QUOTED_LINES) {
      return String.join("\n", lines);
    }
    return "(" + (lines.size() - QUOTED_LINES) + " earlier lines not shown)\n"
        + String.join("\n", lines.subList(lines.size() - QUOTED_LINES, lines.size()));
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  private void assertAlive() {
    if (!process.isAlive()) {
      throw new AssertionError("Agent " + agentName + " exited with status " + process.exitValue()
          + ". Its output:\n" + outputTail());
    }
  }

  /** Sends SIGTERM, as Ctrl-C or {@code kill} would, and waits for the exit status. */
  public synchronized int stop() {
    if (process == null) {
      return 0;
    }
    // through the handle: Process.destroy() would also close the pipe and lose the last output
    process.toHandle().destroy();
    return awaitExit();
  }

  /** Sends SIGKILL: the agent gets no chance to clean up, as in a crash. */
  public synchronized int kill() {
    if (process == null) {
      return 0;
    }
    process.toHandle().destroyForcibly();
    return awaitExit();
  }

  /** Starts the agent again with the same arguments, after it stopped or was killed. */
  public AgentProcess restart() {
    if (isAlive()) {
      stop();
    }
    synchronized (output) {
      output.add("---- restart ----");
    }
    return start();
  }

  private int awaitExit() {
    try {
      if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("Agent " + agentName + " did not stop within "
            + START_TIMEOUT.toSeconds() + " s of SIGTERM and was killed. Its output:\n" + outputTail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    waitForPump();
    return process.exitValue();
  }

  private void waitForPump() {
    // the pump ends at end of stream, just after the exit; wait for it so the output is complete
    try {
      pump.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (isAlive()) {
      kill();
    }
    try {
      Files.deleteIfExists(statusFile);
    } catch (IOException e) {
      // a temporary file left behind harms nothing; the test's outcome stands
    }
  }
}
