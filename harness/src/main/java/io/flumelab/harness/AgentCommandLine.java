package io.flumelab.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code bin/flume-ng} as a student does, so tests run the launcher students run: the conf
 * directory's flume-env.sh and log4j2.xml, the hosts file, plugins, {@code -C}. The one difference
 * is the classpath: the test's own ({@code FLUMELAB_AGENT_CLASSPATH}), so the agent sees the runtime
 * just built and the lab's compiled classes (a student's custom source, say).
 */
final class AgentCommandLine {

  /** Test agents are small: a modest heap, and a JIT that compiles little, to start fast. */
  private static final String TEST_JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  private AgentCommandLine() {}

  /** A process builder for {@code bin/flume-ng args...}. */
  static ProcessBuilder flumeNg(List<String> args) {
    List<String> command = new ArrayList<>(List.of("bash", launcher().toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    // Surefire and Failsafe run tests from a manifest-only jar; this property has the real classpath
    env.put("FLUMELAB_AGENT_CLASSPATH", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")));
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
