package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.FILE;
import static io.flumelab.core.config.ConfigTesting.LENIENT;
import static io.flumelab.core.config.ConfigTesting.known;
import static io.flumelab.core.config.ConfigTesting.problems;
import static io.flumelab.core.spi.ComponentKind.CHANNEL;
import static io.flumelab.core.spi.ComponentKind.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Flume's behaviour: invalid components and their dependents are left out with warnings. */
class LenientModeTest {

  @Test
  void invalidSourceIsLeftOutAndTheRestRuns() {
    String config = """
        a1.sources = r1 r2
        a1.sinks = k1
        a1.channels = c1
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sources.r1.channels = c1
        a1.sources.r2.type = netcta
        a1.sources.r2.channels = c1
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        a1.channels.c1.type = memory
        a1.channels.c1.capcity = 10
        """;
    Topology topology = AgentConfigurations.load(FILE, config, "a1", LENIENT);

    assertThat(topology.sources()).containsOnlyKeys("r1");
    assertThat(topology.summary()).isEqualTo("agent a1: 1 source (r1 netcat), 1 channel (c1 memory), 1 sink (k1 logger)");
    assertThat(topology.warnings()).map(Problem::render).containsExactly(
        "jobs/x.conf:8: warning: a1.sources.r2.type: unknown source type 'netcta'. Did you mean 'netcat'?"
            + " " + known(SOURCE) + " Source 'r2' is left out.",
        "jobs/x.conf:13: warning: a1.channels.c1.capcity: unknown key 'capcity' for channel type 'memory'."
            + " Did you mean 'capacity'?");
  }

  @Test
  void channelThatFailsToConfigureTakesItsSourceAndSinkWithIt() {
    assertThat(problems("""
        a1.sources = r1
        a1.channels = c1 c2
        a1.sinks = k1 k2
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sources.r1.channels = c1 c2
        a1.channels.c1.type = io.flumelab.core.config.fixtures.CustomChannel
        a1.channels.c1.capacity = lots
        a1.channels.c2.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = logger
        a1.sinks.k2.channel = c2
        """, LENIENT)).containsExactly(
        "jobs/x.conf:7: warning: a1.sources.r1.channels: source 'r1' is left out because channel 'c1' is left out",
        "jobs/x.conf:9: warning: a1.channels.c1.capacity: 'lots' is not a number. Write a plain number."
            + " Channel 'c1' is left out.",
        "jobs/x.conf:12: warning: a1.sinks.k1.channel: sink 'k1' is left out because channel 'c1' is left out");
  }

  @Test
  void sinkGroupThatLosesASinkIsDissolved() {
    Topology topology = AgentConfigurations.load(FILE, MalformedConfigTest.lab01()
        .replace("a1.sinks = k1", "a1.sinks = k1 k2") + """
        a1.sinks.k2.type = logger
        a1.sinks.k2.channel = c1
        a1.sinks.k2.maxBytesToLog = -
        a1.sinkgroups = g1
        a1.sinkgroups.g1.sinks = k1 k2
        a1.sinkgroups.g1.processor.type = failover
        """, "a1", LENIENT);

    assertThat(topology.sinkRunners()).containsOnlyKeys("k1");
    assertThat(topology.warnings()).map(Problem::render).containsExactly(
        "jobs/x.conf:15: warning: a1.sinks.k2.maxBytesToLog: '-' is not a whole number. Write a plain number."
            + " Sink 'k2' is left out.",
        "jobs/x.conf:17: warning: a1.sinkgroups.g1.sinks: sink group 'g1' is left out because sink 'k2' is left out;"
            + " its other sinks run on their own");
  }

  @Test
  void nothingLeftToRunStillFails() {
    String config = MalformedConfigTest.lab01().replace("type = memory", "type = memroy");
    assertThatThrownBy(() -> AgentConfigurations.load(FILE, config, "a1", LENIENT))
        .isInstanceOf(InvalidConfigFileException.class)
        .hasMessage("""
            jobs/x.conf: nothing is left to run for agent 'a1'. Lenient mode leaves out invalid components; \
            at least one channel and one source or sink must be valid.
            jobs/x.conf:8: warning: a1.channels.c1.type: unknown channel type 'memroy'. Did you mean 'memory'? \
            %s Channel 'c1' is left out.
            jobs/x.conf:11: warning: a1.sources.r1.channels: source 'r1' is left out because channel 'c1' is left out
            jobs/x.conf:12: warning: a1.sinks.k1.channel: sink 'k1' is left out because channel 'c1' is left out
            1 problem and 3 warnings in jobs/x.conf; the agent was not started.""".formatted(known(CHANNEL)));
  }

  @Test
  void noAgentIsFatalInLenientModeToo() {
    assertThat(problems("a2.sources = r1\n", LENIENT)).containsExactly(
        "jobs/x.conf: no properties for agent 'a1'. Did you mean 'a2'? The file configures agent 'a2'; start it with --name a2.");
  }
}
