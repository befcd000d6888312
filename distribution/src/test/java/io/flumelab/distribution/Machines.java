package io.flumelab.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rehearsal's three machines, made by {@code vagrant/rehearsal/machines.sh} and entered with
 * {@code on.sh}: commands run on one to their end, or in the background with their output in a
 * file, as a student's terminals on the VMs would.
 */
final class Machines implements AutoCloseable {

  /** What one command printed (stdout and stderr together) and its exit status. */
  record Result(int exit, String output) {}

  /** A command left running on a machine, its output going to a file. */
  record Background(String machine, String label, String command, Process process, Path log) {

    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The last lines of its output, for a failure message. */
    String tail() {
      List<String> lines = output().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
  }

  private final Path scripts;
  private final Path state;
  private final List<Background> started = new ArrayList<>();

  private Machines(Path scripts, Path state) {
    this.scripts = scripts;
    this.state = state;
  }

  /**
   * Makes the machines afresh (any left by an earlier run are removed first), the jobs of the
   * finished labs given ({@code NN-name/jobs}) in place of the checkout's.
   */
  static Machines up(Path checkout, Path state, Path finishedLabs) throws Exception {
    Machines machines = new Machines(checkout.resolve("vagrant/rehearsal"), state);
    machines.script("machines.sh", "down", state.toString());
    Result up = machines.script("machines.sh", "up", state.toString(), checkout.toString(),
        finishedLabs.toString());
    assertThat(up.exit()).as("machines.sh up:\n" + up.output()).isZero();
    System.out.print(up.output());
    return machines;
  }

  /** A machine's private home (/root there), as the files its commands wrote lie here. */
  Path home(String machine) {
    return state.resolve(machine).resolve("root");
  }

  /** Runs a command on the machine to its end (at most the limit) and returns what it printed. */
  Result run(String machine, Duration limit, String... command) throws Exception {
    return script("on.sh", prepend(machine, command), limit);
  }

  /** Starts a command on the machine and leaves it running; its output goes to a log file. */
  Background start(String machine, String label, String... command) throws IOException {
    Path log = state.resolve("logs").resolve(label + ".log");
    Files.createDirectories(log.getParent());
    List<String> line = new ArrayList<>(List.of(scripts.resolve("on.sh").toString(),
        state.toString()));
    line.addAll(List.of(prepend(machine, command)));
    Process process = new ProcessBuilder(line).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    Background background = new Background(machine, label, String.join(" ", command), process,
        log);
    started.add(background);
    return background;
  }

  /**
   * Kills every process on the machine but its PID 1 with SIGKILL, as a power cut would leave it
   * (inside its PID namespace, {@code kill -9 -1} reaches no other machine's processes).
   */
  void killEverything(String machine) throws Exception {
    run(machine, Duration.ofSeconds(30), "kill", "-9", "-1");
  }

  /** Stops a background command: SIGTERM to the processes whose command line holds the pattern. */
  void stop(Background background, String pattern) throws Exception {
    run(background.machine(), Duration.ofSeconds(30), "pkill", "-f", "--", pattern);
    // every process of it, the JVM included: the next agent may want its port
    await(background.label() + " ending").atMost(Duration.ofSeconds(30)).until(() ->
        !background.process().isAlive() && run(background.machine(), Duration.ofSeconds(30),
            "pgrep", "-f", "--", pattern).exit() == 1);
  }

  @Override
  public void close() throws Exception {
    script("machines.sh", "down", state.toString());
    started.forEach(b -> b.process().destroyForcibly());
  }

  private Result script(String name, String... args) throws Exception {
    return script(name, args, Duration.ofMinutes(2));
  }

  private Result script(String name, String[] args, Duration limit) throws Exception {
    List<String> line = new ArrayList<>(List.of(scripts.resolve(name).toString()));
    if (name.equals("on.sh")) {
      line.add(state.toString());
    }
    line.addAll(List.of(args));
    Path output = Files.createTempFile("rehearsal-", ".out");
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", line) + " did not end within " + limit
            + "; it printed:\n" + Files.readString(output));
      }
      return new Result(process.exitValue(), Files.readString(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
