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
    AgentProcess agent = new AgentProcess(name, configFile, Arrays.asList(extraArgs));
    started.add(agent);
    return agent.start();
  }

  /** The same with options for the agent's JVM, e.g. {@code -Djdk.net.hosts.file=...}. */
  public synchronized AgentProcess start(String name, Path configFile, List<String> jvmArgs,
      String... extraArgs) {
    AgentProcess agent = new AgentProcess(name, configFile, jvmArgs, Arrays.asList(extraArgs));
    started.add(agent);
    return agent.start();
  }

  @Override
  public synchronized void close() {
    started.forEach(AgentProcess::close);
    started.clear();
  }
}
