package io.flumelab.labs.gangliamonitoring;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.ganglia.GmondMetric;
import io.flumelab.cluster.ganglia.GmondXml;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.FlumeEnv;
import io.flumelab.harness.Job;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@LabTest
@LabCluster(ganglia = true)
@DisplayName("Lab 11: monitoring an agent with Ganglia")
class GangliaMonitoringIT {

  static final String HOST = "hadoop102";
  static final int PORT = 44444;
  /** Two reports at the lab's 10 s, and time to start. */
  private static final Duration REPORTED = Duration.ofSeconds(25);

  private final Path conf = Lab.dir().resolve("conf");
  private final Path job = Lab.file("jobs/flume-netcat-logger.conf");

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("flume-env.sh starts agents with Ganglia reporting to hadoop102:8649")
  void flumeEnvAsksForGanglia() {
    List<String> options = FlumeEnv.javaOpts(conf);

    requireGangliaReporting();
    Optional<String> hosts = property(options, "flume.monitoring.hosts");
    assertThat(hosts).as("-Dflume.monitoring.hosts in JAVA_OPTS of %s should name gmond's "
        + "address, hadoop102:8649", conf.resolve("flume-env.sh")).isPresent();
    List<String> addresses = Arrays.stream(hosts.get().split(",")).map(String::trim).toList();
    assertThat(addresses.stream().anyMatch(GangliaMonitoringIT::isGmond))
        .as("-Dflume.monitoring.hosts=%s should name gmond's address, hadoop102:8649", hosts.get())
        .isTrue();
  }

  @Test
  @Tag("job")
  @Order(2)
  @Points(10)
  @DisplayName("the counters are sent at least every 10 seconds")
  void reportsOftenEnoughToWatch() {
    Optional<String> poll = property(FlumeEnv.javaOpts(conf), "flume.monitoring.pollFrequency");

    assertThat(poll)
        .as("-Dflume.monitoring.pollFrequency is unset: the default, 60 s, is too slow to watch")
        .isPresent();
    assertThat(poll.get()).as("-Dflume.monitoring.pollFrequency (seconds)").matches("\\d+");
    assertThat(Integer.parseInt(poll.get())).as("-Dflume.monitoring.pollFrequency (seconds)")
        .isBetween(1, 10);
  }

  @Test
  @Order(3)
  @Points(20)
  @DisplayName("an agent started with -c conf shows up in gmond with its source, channel and sink")
  void theAgentsCountersReachGmond(LabAgents agents, GmondXml gmond) {
    requireGangliaReporting();
    agents.startWithConf("a1", conf, job, on(HOST)).awaitListening(HOST, PORT);

    Names names = componentNames();
    for (String component : List.of("SOURCE." + names.source(), "CHANNEL." + names.channel(),
        "SINK." + names.sink())) {
      awaitMetric(gmond, "flume." + component + ".StartTime",
          metric -> !metric.value().equals("0"));
    }
  }

  @Test
  @Order(4)
  @Points(20)
  @DisplayName("gmond counts the events that went through: 3 lines in, 3 put, 3 taken")
  void gmondCountsTheEvents(LabAgents agents, GmondXml gmond) {
    requireGangliaReporting();
    agents.startWithConf("a1", conf, job, on(HOST)).awaitListening(HOST, PORT);

    try (LineClient nc = LineClient.connect(HOST, PORT)) {
      for (String line : List.of("one", "two", "three")) {
        nc.send(line);
        assertThat(nc.readLine(Duration.ofSeconds(10))).as("the reply to '%s'", line).isEqualTo("OK");
      }
    }

    Names names = componentNames();
    awaitMetric(gmond, "flume.SOURCE." + names.source() + ".EventAcceptedCount",
        metric -> metric.value().equals("3"));
    awaitMetric(gmond, "flume.CHANNEL." + names.channel() + ".EventPutSuccessCount",
        metric -> metric.value().equals("3"));
    awaitMetric(gmond, "flume.SINK." + names.sink() + ".EventDrainSuccessCount",
        metric -> metric.value().equals("3"));
  }

  /** Without Ganglia reporting nothing can arrive: say so at once instead of waiting. */
  private void requireGangliaReporting() {
    Optional<String> type = property(FlumeEnv.javaOpts(conf), "flume.monitoring.type");
    assertThat(type.filter(GangliaMonitoringIT::isGanglia))
        .as("agents started with -c %s do not report to Ganglia: JAVA_OPTS in flume-env.sh should "
            + "set -Dflume.monitoring.type=ganglia; it sets %s", conf,
            type.map(value -> "-Dflume.monitoring.type=" + value).orElse("no monitoring type"))
        .isPresent();
  }

  /** The names Flume gives Ganglia reporting: the alias in any case, or its class name. */
  static boolean isGanglia(String type) {
    return type.equalsIgnoreCase("ganglia")
        || type.equals("org.apache.flume.instrumentation.GangliaServer");
  }

  /** hadoop102:8649 in any spelling the reporter resolves to it. */
  private static boolean isGmond(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0 || !hostPort.substring(colon + 1).matches("\\d+")) {
      return false;
    }
    return new Job.Address(hostPort.substring(0, colon),
        Integer.parseInt(hostPort.substring(colon + 1))).is(HOST, 8649);
  }

  /** The names the agent's metrics carry: its netcat source, that source's channel, the logger. */
  private record Names(String source, String channel, String sink) {}

  private Names componentNames() {
    Job agent = Job.read(job, "a1");
    Job.Component logger = agent.assertFlow("netcat", "logger");
    Job.Component channel = agent.channelOf(logger).orElseThrow();
    return new Names(agent.onlySource("netcat").name(), channel.name(), logger.name());
  }

  private static void awaitMetric(GmondXml gmond, String name,
      java.util.function.Predicate<GmondMetric> expected) {
    try {
      Awaitility.await().atMost(REPORTED).pollInterval(Duration.ofMillis(250))
          .until(() -> gmond.metric(name).filter(expected).isPresent());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("gmond at hadoop102:8649 did not show the expected " + name
          + " within " + REPORTED.toSeconds() + " s; it shows "
          + gmond.metric(name).map(GmondMetric::value).orElse("no such metric")
          + ". Is the agent reporting to hadoop102:8649 often enough?", e);
    }
  }

  static Optional<String> property(List<String> options, String key) {
    String prefix = "-D" + key + "=";
    return options.stream().filter(option -> option.startsWith(prefix))
        .map(option -> option.substring(prefix.length())).reduce((first, last) -> last);
  }
}
