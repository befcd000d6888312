package io.flumelab.cluster.junit;

import io.flumelab.cluster.Hosts;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.WorkDirs;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Agents of one test, each running "on" one of the course's hosts: its JVM resolves names through
 * a hosts file in which this machine's own name is that host, as {@code bin/flume-ng -c conf}
 * does with a {@code hosts} file in the conf dir. Agents can be stopped, killed and restarted
 * through their {@link AgentProcess}; whatever still runs at the end of the test is killed.
 */
public final class LabAgents implements AutoCloseable {

  private final Agents agents = new Agents();
  private final Map<LabHost, Path> hostsFiles = new HashMap<>();
  private Path dir;

  /** Starts {@code flume-ng agent -n name -f jobFile} on the host and waits until it is up. */
  public synchronized AgentProcess start(String name, Path jobFile, On where, String... extraArgs) {
    return agents.start(name, jobFile, List.of(hostsOption(where)), extraArgs);
  }

  /**
   * Starts {@code flume-ng agent -c confDir -n name -f jobFile} on the host: {@code bin/flume-ng}
   * applies the conf directory (flume-env.sh, log4j2.xml) as it does for a student.
   */
  public synchronized AgentProcess startWithConf(String name, Path confDir, Path jobFile,
      On where) {
    return agents.startWithConf(name, confDir, jobFile, List.of(hostsOption(where)));
  }

  /** The JVM option of the hosts file in which this machine is that host, written once per host. */
  private String hostsOption(On where) {
    Path hostsFile = hostsFiles.computeIfAbsent(where.host(),
        host -> Hosts.forHost(host, dir().resolve("hosts-" + host.name())));
    return Hosts.jvmOption(hostsFile);
  }

  /** Starts an agent that resolves names like the test itself (this machine's name is localhost). */
  public synchronized AgentProcess start(String name, Path jobFile, String... extraArgs) {
    Path hostsFile = Hosts.applied().orElseGet(() -> Hosts.writeForServices(dir().resolve("hosts")));
    return agents.start(name, jobFile, List.of(Hosts.jvmOption(hostsFile)), extraArgs);
  }

  private Path dir() {
    if (dir == null) {
      dir = WorkDirs.create("agents");
    }
    return dir;
  }

  @Override
  public synchronized void close() {
    agents.close();
    hostsFiles.clear();
    WorkDirs.delete(dir);
    dir = null;
  }
}
