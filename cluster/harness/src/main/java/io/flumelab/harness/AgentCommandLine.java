package io.flumelab.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs {@code flume-ng} in a child JVM from the test's own classpath, so the agent
 * sees the runtime and the lab's compiled classes (a student's custom source, say).
 */
final class AgentCommandLine {

  static final String MAIN_CLASS = "io.flumelab.agent.FlumeNg";

  private AgentCommandLine() {}

  static List<String> java() {
    return java(List.of());
  }

  /** The same with JVM options of the caller's, e.g. {@code -Djdk.net.hosts.file=...}. */
  static List<String> java(List<String> jvmArgs) {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire and Failsafe run tests from a manifest-only jar; this property has the real classpath
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(
        List.of(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classpath, MAIN_CLASS));
    return command;
  }
}
