package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.problems;
import static io.flumelab.core.testing.AgentTesting.REAL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A name listed twice in a list is an error at its line: Flume treats each list as a set, and a
 * source that wrote to a channel listed twice would put every event in it twice.
 */
class DuplicateNamesTest {

  @Test
  void aSourcesChannelListedTwiceIsAnError() {
    assertThat(problems(MalformedConfigTest.lab01().replace("r1.channels = c1", "r1.channels = c1 c1")))
        .containsExactly("jobs/x.conf:11: a1.sources.r1.channels: channel 'c1' is listed twice. "
            + "List each channel once: a1.sources.r1.channels = c1.");
  }

  @Test
  void aComponentListedTwiceInAnAgentListIsAnError() {
    assertThat(problems(MalformedConfigTest.lab01().replace("a1.sinks = k1", "a1.sinks = k1 k1")))
        .containsExactly("jobs/x.conf:2: a1.sinks: sink 'k1' is listed twice. "
            + "List each sink once: a1.sinks = k1.");
  }

  @Test
  void aGroupsSinkListedTwiceIsAnError() {
    assertThat(problems(MalformedConfigTest.lab01().replace("a1.sinks = k1", "a1.sinks = k1 k2")
        + """
        a1.sinks.k2.type = logger
        a1.sinks.k2.channel = c1
        a1.sinkgroups = g1
        a1.sinkgroups.g1.sinks = k1 k2 k1
        a1.sinkgroups.g1.processor.type = failover
        """)).containsExactly("jobs/x.conf:16: a1.sinkgroups.g1.sinks: sink 'k1' is listed twice. "
            + "List each sink once: a1.sinkgroups.g1.sinks = k1 k2.");
  }

  @Test
  void inLenientModeAChannelListedTwiceGetsEachEventOnce() {
    Topology topology = AgentConfigurations.load("jobs/x.conf", MalformedConfigTest.lab01()
        .replace("r1.channels = c1", "r1.channels = c1 c1"), "a1", REAL.withLenient(true));

    assertThat(topology.warnings()).hasSize(1);
    assertThat(topology.sources().get("r1").getSource().getChannelProcessor().getAllChannels())
        .extracting(channel -> channel.getName()).containsExactly("c1");
  }
}
