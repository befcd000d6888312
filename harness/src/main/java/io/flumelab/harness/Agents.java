package io.flumelab.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The agents one test started; whatever is still running when the test ends is killed. */
public final class Agents implements AutoCloseable {

  private final List<AgentProcess> started = new ArrayList<>();

  /** Starts {@code bin/flume-ng agent -n name -f configFile} and waits until it is up. */
  public synchronized AgentProcess start(String name, Path configFile, String... extraArgs) {
    return start(name, configFile, List.of(), extraArgs);
  }

  /** The same with options for the agent's JVM, e.g. {@code -Djdk.net.hosts.file=...}. */
  public synchronized AgentProcess start(String name, Path configFile, List<String> jvmArgs,
      String... extraArgs) {
    return launch(new AgentProcess(name, configFile, null, jvmArgs, Arrays.asList(extraArgs)));
  }

  /**
   * Starts {@code bin/flume-ng agent -c confDir -n name -f configFile}: the conf directory's
   * flume-env.sh, log4j2.xml and hosts file apply as they do for a student.
   */
  public synchronized AgentProcess startWithConf(String name, Path confDir, Path configFile,
      List<String> jvmArgs, String... extraArgs) {
    return launch(new AgentProcess(name, configFile, confDir, jvmArgs, Arrays.asList(extraArgs)));
  }

  private AgentProcess launch(AgentProcess agent) {
    started.add(agent);
    return agent.start();
  }

  @Override
  public synchronized void close() {
    started.forEach(AgentProcess::close);
    started.clear();
  }
}
