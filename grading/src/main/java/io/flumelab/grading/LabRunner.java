package io.flumelab.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one lab's tests (public and hidden) on one directory of a student's files, as
 * {@code mvnw verify -Pgrading -pl labs/NN-name -Dlab.dir=DIR} in the instructor's checkout, with
 * a time limit: past it the whole process tree (Maven, the test JVM, the agents) is killed. The
 * lab builds in a directory of its own ({@code -Dlab.target}), emptied first, so nothing of the
 * previous submission (classes, grade files) is left in it. The run's output goes to a log
 * capped in size ({@link CappedLog}).
 */
final class LabRunner {

  /** How a run ended; the grade files are in {@code gradesDir}. */
  record Run(boolean timedOut, int exitCode, Duration elapsed, Path log, Path gradesDir) {}

  static final String TARGET = "target-grading";
  static final String MAVEN_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private final Path checkout;
  private final Duration timeout;
  private final boolean offline;

  Duration timeout() {
    return timeout;
  }

  LabRunner(Path checkout, Duration timeout, boolean offline) {
    this.checkout = checkout;
    this.timeout = timeout;
    this.offline = offline;
  }

  Run run(String lab, Path labDir, Path log) throws IOException {
    Path buildDir = checkout.resolve("labs").resolve(lab).resolve(TARGET);
    deleteTree(buildDir);
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(checkout.resolve("mvnw").toString(),
        "-B", "-ntp"));
    if (offline) {
      command.add("-o");
    }
    command.addAll(List.of("verify", "-Pgrading", "-pl", "labs/" + lab,
        "-Dlab.dir=" + labDir.toAbsolutePath(), "-Dlab.target=" + TARGET, "-Dlab.answers=false"));
    ProcessBuilder builder = new ProcessBuilder(ProcessTree.inOwnGroup(command)).directory(checkout.toFile())
        .redirectErrorStream(true);
    builder.environment().remove("FLUMELAB_AGENT_CLASSPATH");
    // Maven's own JVM lives a few seconds per run: compiling it fully costs more than it saves
    // (measured on lab 01: 11.9 s instead of 13.6 s a run, a quarter less CPU); the test JVM and
    // the agents keep their defaults
    builder.environment().merge("MAVEN_OPTS", MAVEN_JVM_OPTIONS,
        (set, ours) -> set + " " + ours);
    long start = System.nanoTime();
    Process maven = builder.start();
    Thread logCopier = new CappedLog(log, CappedLog.HEAD, CappedLog.TAIL)
        .copyInBackground(maven.getInputStream());
    boolean finished;
    try {
      finished = maven.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      ProcessTree.kill(maven, Duration.ofSeconds(10));
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while grading " + lab, e);
    } finally {
      // the tests' agents may outlive a Maven that ended: the tree goes either way
      ProcessTree.kill(maven, Duration.ofSeconds(10));
      joinQuietly(logCopier);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Run(!finished, finished ? maven.exitValue() : -1, elapsed, log,
        buildDir.resolve("flumelab-grades"));
  }

  /** Waits for the log to be written out; the pipe closed with the process tree. */
  private static void joinQuietly(Thread copier) {
    try {
      copier.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
