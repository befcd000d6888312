package io.flumelab.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs {@code bin/flume-ng} as a student does, so tests run the launcher students run: the conf
 * directory's flume-env.sh and log4j2.xml, the hosts file, plugins, {@code -C}. The one difference
 * is the classpath: the test's own ({@code FLUMELAB_AGENT_CLASSPATH}), so the agent sees the runtime
 * just built and the lab's compiled classes (a student's custom source, say).
 */
final class AgentCommandLine {

  /** Test agents are small: a modest heap, and a JIT that compiles little, to start fast. */
  private static final String TEST_JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  /** A file listing classpath entries a lab compiles against and the agent must not see. */
  static final String EXCLUDE_PROPERTY = "flumelab.agent.classpath.exclude";

  private AgentCommandLine() {}

  /** A process builder for {@code bin/flume-ng args...}. */
  static ProcessBuilder flumeNg(List<String> args) {
    List<String> command = new ArrayList<>(List.of("bash", launcher().toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("FLUMELAB_AGENT_CLASSPATH", agentClasspath());
    env.putIfAbsent("JAVA_OPTS", TEST_JAVA_OPTS);
    env.remove("FLUME_CLASSPATH");
    // the user's ~/.flumelab (bin/flumelab up's hosts file) must not change what a test sees
    env.put("FLUMELAB_STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"),
        "flumelab-harness-no-state").toString());
    if (System.getProperty("java.home") != null) {
      env.put("JAVA_HOME", System.getProperty("java.home"));
    }
    return builder;
  }

  /**
   * The test's classpath less what the lab only compiles against: Surefire and Failsafe run tests
   * from a manifest-only jar, so the real classpath is in {@code surefire.test.class.path}; a lab
   * whose students write against Apache Flume's API compiles against Flume's jars (provided scope),
   * which the agent must not see: it runs such classes through its own Flume compatibility layer.
   */
  static String agentClasspath() {
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Set<String> compileOnly = compileOnlyEntries();
    if (compileOnly.isEmpty()) {
      return classpath;
    }
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !compileOnly.contains(entry))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The entries of the file {@code flumelab.agent.classpath.exclude} names (labs/pom.xml writes it). */
  private static Set<String> compileOnlyEntries() {
    String file = System.getProperty(EXCLUDE_PROPERTY);
    if (file == null || file.isBlank() || !Files.isRegularFile(Path.of(file))) {
      return Set.of();
    }
    try {
      String entries = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      return entries.isEmpty() ? Set.of() : Set.of(entries.split(File.pathSeparator));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " (" + EXCLUDE_PROPERTY + ")", e);
    }
  }

  /** The checkout's {@code bin/flume-ng}, found from the working directory upwards. */
  static Path launcher() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("bin").resolve("flume-ng");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException("bin/flume-ng not found above " + Path.of("").toAbsolutePath());
  }
}
