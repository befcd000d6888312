package io.flumelab.labs.gangliamonitoring;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Hidden (instructor-only) tests of lab 11: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests judge the monitoring properties; the task also keeps the
 * agent's heap, -Xmx512m, which a JAVA_OPTS written anew without it silently drops. This test reads
 * the options of the JVM bin/flume-ng really started, not the file.
 */
@LabTest
@LabCluster(ganglia = true)
@DisplayName("Lab 11 (hidden): monitoring an agent with Ganglia")
class GangliaMonitoringHiddenIT {

  private final Path conf = Lab.dir().resolve("conf");
  private final Path job = Lab.file("jobs/flume-netcat-logger.conf");

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("an agent started with -c conf runs with Ganglia reporting and the heap the task keeps, -Xmx512m")
  void theAgentKeepsItsHeap(LabAgents agents) {
    AgentProcess agent = agents.startWithConf("a1", conf, job, on(GangliaMonitoringIT.HOST))
        .awaitListening(GangliaMonitoringIT.HOST, GangliaMonitoringIT.PORT);
    // -X and -D options only: the class path would hide them in a failure's message
    List<String> options = commandLine(agent.pid()).stream()
        .filter(option -> option.startsWith("-X") || option.startsWith("-D")).toList();

    assertThat(GangliaMonitoringIT.property(options, "flume.monitoring.type")
        .filter(GangliaMonitoringIT::isGanglia))
        .as("-Dflume.monitoring.type=ganglia among the options of the agent's JVM, started with "
            + "-c %s: %s", conf, options)
        .isPresent();
    Optional<String> heap = options.stream().filter(option -> option.startsWith("-Xmx"))
        .reduce((first, last) -> last);
    assertThat(heap).as("the heap limit of the agent's JVM (its last -Xmx), started with -c %s: "
        + "JAVA_OPTS in flume-env.sh should keep -Xmx512m and add the monitoring properties to it; "
        + "the JVM's options were %s", conf, options).contains("-Xmx512m");
  }

  /**
   * The command line of the agent's JVM (bin/flume-ng execs java): /proc holds it whole, where
   * ProcessHandle.Info may give nothing for a command line as long as the agent's class path.
   */
  private static List<String> commandLine(long pid) {
    Path cmdline = Path.of("/proc", String.valueOf(pid), "cmdline");
    try {
      if (Files.isReadable(cmdline)) {
        return List.of(Files.readString(cmdline, StandardCharsets.UTF_8).split("\0"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + cmdline, e);
    }
    return ProcessHandle.of(pid).flatMap(jvm -> jvm.info().arguments()).map(List::of)
        .orElseThrow(() -> new AssertionError("cannot read the command line of the agent's JVM "
            + "(pid " + pid + ")"));
  }
}
