package io.flumelab.launcher;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.FlumeException;
import io.flumelab.core.agent.Agent;
import io.flumelab.core.agent.AgentStatus;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.ConfigFiles;
import io.flumelab.core.config.InvalidConfigFileException;
import io.flumelab.core.config.Problem;
import io.flumelab.core.config.Topology;
import io.flumelab.core.monitor.Monitoring;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flume-ng agent}: runs one agent until SIGTERM or Ctrl-C. */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Runs an agent from a configuration file until stopped (Ctrl-C or SIGTERM).",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:stopped, every committed event delivered or kept",
        "1:invalid configuration or monitoring settings",
        "2:a bad command line, e.g. an unknown option or log level",
        "3:stopped, but committed events were discarded: the sinks had not delivered them when "
            + "the drain time ended (see --drain-seconds) and their channel keeps nothing across "
            + "a stop"})
final class AgentCommand implements Callable<Integer> {

  @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME",
      description = "The agent's name: the prefix of its keys in the file, e.g. a1.")
  String agentName;

  @Option(names = {"-f", "--conf-file"}, required = true, paramLabel = "FILE",
      description = "The configuration file.")
  Path configFile;

  @Option(names = {"-c", "--conf"}, paramLabel = "DIR",
      description = "The conf directory (flume-env.sh, log4j2.xml); read by bin/flume-ng.")
  Path confDir;

  @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "A system property, e.g. -Dflume.root.logger=INFO,console.")
  Map<String, String> systemProperties;

  @Option(names = "--lenient",
      description = "Like Apache Flume: leave invalid components out with a warning and run the rest.")
  boolean lenient;

  @Option(names = "--drain-seconds", defaultValue = "5", paramLabel = "SECONDS",
      description = "On stop, how long sinks may keep draining their channels (default: "
          + "${DEFAULT-VALUE}); what a memory channel still holds after that is discarded (exit "
          + "status 3).")
  long drainSeconds;

  @Override
  public Integer call() throws InterruptedException {
    Logger log = LoggerFactory.getLogger(AgentCommand.class);
    ConfigFiles.Refusal refusal = ConfigFiles.refusal(configFile);
    if (refusal != null) {
      System.err.println("flume-ng: " + refusal.render(configFile));
      return ExitCodes.INVALID_CONFIG;
    }
    Topology topology;
    try {
      topology = AgentConfigurations.load(configFile, agentName,
          AgentConfigurations.Options.defaults().withLenient(lenient));
    } catch (InvalidConfigFileException e) {
      System.err.println(e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    }
    topology.warnings().stream().map(Problem::render).forEach(log::warn);
    log.info("Configuration {}: {}", configFile, topology.summary());

    Agent agent = Agent.of(topology);
    Monitoring monitoring;
    try {
      monitoring = Monitoring.fromProperties(System.getProperties());
      monitoring.start(topology.monitored(), agent::counters);
    } catch (FlumeException e) {
      System.err.println("flume-ng: " + e.getMessage()
          + (e instanceof ConfigurationException c && c.getFix() != null ? "; " + c.getFix() : ""));
      return ExitCodes.INVALID_CONFIG;
    }
    AgentStatus status = AgentStatus.fromProperties();
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<DashboardAnnouncer> announcer = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      report(status, agent, "stopping");
      DashboardAnnouncer announced = announcer.getAndSet(null);
      long discarded = agent.stop(drainSeconds * 1000);
      monitoring.stop();
      if (announced != null) {
        announced.withdraw();
      }
      report(status, agent, "stopped");
      stopped.countDown();
      LogManager.shutdown();
      // a graceful stop on SIGTERM is a success, not a signal death (143), unless it lost events
      Runtime.getRuntime().halt(discarded > 0 ? ExitCodes.EVENTS_DISCARDED : ExitCodes.OK);
    }, "agent-shutdown"));
    agent.start();
    // before "started", so that whoever waits for that finds the agent on the dashboard
    announcer.set(DashboardAnnouncer.announce(topology.monitored(), configFile, monitoring,
        agent::counters).orElse(null));
    report(status, agent, "started");
    stopped.await();
    return ExitCodes.OK;
  }

  /** Tells tools waiting on the status file (the lab harness) where the agent is, if asked to. */
  private static void report(AgentStatus status, Agent agent, String state) {
    if (status != null) {
      status.write(agent.getName(), state, agent.componentStates());
    }
  }
}
