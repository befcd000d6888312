package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.FILE;
import static io.flumelab.core.config.ConfigTesting.STRICT;
import static io.flumelab.core.config.ConfigTesting.problems;
import static io.flumelab.core.testing.AgentTesting.REAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Channel;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Sink;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.MultiplexingChannelSelector;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.config.AgentConfigurations.Options;
import io.flumelab.core.config.fixtures.FixtureChannel;
import io.flumelab.core.config.fixtures.FixtureInterceptor;
import io.flumelab.core.config.fixtures.FixtureProcessor;
import io.flumelab.core.config.fixtures.FixtureSelector;
import io.flumelab.core.config.fixtures.FixtureSink;
import io.flumelab.core.config.fixtures.FixtureSource;
import io.flumelab.core.sink.DefaultSinkProcessor;
import io.flumelab.core.sink.LoggerSink;
import io.flumelab.core.source.netcat.NetcatSource;
import io.flumelab.core.spi.ChannelSelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WellFormedConfigTest {

  private static final Path LAB_01 = Path.of("src/test/resources/config/lab-01.conf");

  @Test
  void lab01IsWiredChannelsSourcesAndSinks() {
    Topology topology = AgentConfigurations.load(LAB_01, "a1", STRICT);

    assertThat(topology.agentName()).isEqualTo("a1");
    assertThat(topology.summary())
        .isEqualTo("agent a1: 1 source (r1 netcat), 1 channel (c1 memory), 1 sink (k1 logger)");
    assertThat(topology.warnings()).isEmpty();
    FixtureChannel c1 = (FixtureChannel) topology.channels().get("c1");
    assertThat(c1.getName()).isEqualTo("c1");
    assertThat(c1.capacity()).isEqualTo(1000);
    assertThat(c1.context().getParameters())
        .isEqualTo(Map.of("type", "memory", "capacity", "1000", "transactionCapacity", "100"));

    FixtureSource r1 = (FixtureSource) topology.sources().get("r1").getSource();
    assertThat(r1.getName()).isEqualTo("r1");
    assertThat(r1.context().getParameters())
        .isEqualTo(Map.of("type", "netcat", "bind", "localhost", "port", "44444", "channels", "c1"));
    assertThat(r1.getChannelProcessor()).isInstanceOf(DefaultChannelProcessor.class);

    assertThat(topology.sinkRunners()).containsOnlyKeys("k1");
    Sink k1 = topology.sinkRunners().get("k1").getProcessor().getSinks().get(0);
    assertThat(k1).isInstanceOf(FixtureSink.class);
    assertThat(k1.getName()).isEqualTo("k1");
    assertThat(k1.getChannel()).isSameAs(c1);
    assertThat(topology.sinkRunners().get("k1").getProcessor()).isInstanceOf(DefaultSinkProcessor.class);
  }

  @Test
  void lab01WithTheRealComponentsFromTheServiceLoadedRegistry() {
    Topology topology = AgentConfigurations.load(LAB_01, "a1", REAL);

    assertThat(topology.channels().get("c1")).isInstanceOf(MemoryChannel.class);
    assertThat(topology.sources().get("r1").getSource()).isInstanceOf(NetcatSource.class);
    assertThat(topology.sinkRunners().get("k1").getProcessor().getSinks().get(0)).isInstanceOf(LoggerSink.class);
    assertThat(AgentConfigurations.check(LAB_01, "a1", REAL).render())
        .isEqualTo("agent a1: 1 source (r1 netcat), 1 channel (c1 memory), 1 sink (k1 logger)");
  }

  @Test
  void replicatingSelectorGetsTheSourceChannelsInOrderAndItsKeys() {
    Topology topology = AgentConfigurations.load(FILE, """
        a1.sources = r1
        a1.channels = c1 c2
        a1.sinks = k1 k2
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = 0.0.0.0
        a1.sources.r1.port = 6666
        a1.sources.r1.channels = c2 c1
        a1.sources.r1.selector.type = replicating
        a1.sources.r1.selector.optional = c2
        a1.channels.c1.type = memory
        a1.channels.c2.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = null
        a1.sinks.k2.channel = c2
        """, "a1", STRICT);

    assertThat(topology.components()).filteredOn(FixtureSelector.class::isInstance).singleElement()
        .satisfies(s -> {
          FixtureSelector selector = (FixtureSelector) s;
          assertThat(selector.getAllChannels()).extracting(Channel::getName).containsExactly("c2", "c1");
          assertThat(selector.context().getParameters()).isEqualTo(Map.of("type", "replicating", "optional", "c2"));
        });
    assertThat(topology.summary()).isEqualTo(
        "agent a1: 1 source (r1 netcat), 2 channels (c1 memory, c2 memory), 2 sinks (k1 logger, k2 null)");
  }

  @Test
  void multiplexingSelectorWithTheRealSelectorRoutesByHeader() {
    Topology topology = AgentConfigurations.load(FILE, """
        a1.sources = r1
        a1.channels = c1 c2
        a1.sinks = k1 k2
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sources.r1.channels = c1 c2
        a1.sources.r1.selector.type = multiplexing
        a1.sources.r1.selector.header = state
        a1.sources.r1.selector.mapping.CA = c1
        a1.sources.r1.selector.mapping.NY = c1 c2
        a1.sources.r1.selector.default = c2
        a1.channels.c1.type = memory
        a1.channels.c2.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = logger
        a1.sinks.k2.channel = c2
        """, "a1", REAL);

    ChannelSelector selector = (ChannelSelector) topology.components().stream()
        .filter(MultiplexingChannelSelector.class::isInstance).findFirst().orElseThrow();
    assertThat(selector.getRequiredChannels(EventBuilder.withBody("x", StandardCharsets.UTF_8, Map.of("state", "NY"))))
        .extracting(Channel::getName).containsExactly("c1", "c2");
    assertThat(selector.getRequiredChannels(EventBuilder.withBody("x", StandardCharsets.UTF_8, Map.of("state", "TX"))))
        .extracting(Channel::getName).containsExactly("c2");
  }

  @Test
  void multiplexingSelectorContextIsRelativeToSelector() {
    Topology topology = AgentConfigurations.load(FILE, MalformedConfigTest.lab01() + """
        a1.sources.r1.selector.type = multiplexing
        a1.sources.r1.selector.header = state
        a1.sources.r1.selector.mapping.CA = c1
        a1.sources.r1.selector.optional.CA = c1
        a1.sources.r1.selector.default = c1
        """, "a1", STRICT);

    FixtureSelector selector = (FixtureSelector) topology.components().stream()
        .filter(FixtureSelector.class::isInstance).findFirst().orElseThrow();
    assertThat(selector.context().getParameters()).isEqualTo(Map.of("type", "multiplexing", "header", "state",
        "mapping.CA", "c1", "optional.CA", "c1", "default", "c1"));
  }

  @Test
  void sinkGroupGetsOneRunnerWithItsProcessorAndItsKeys() {
    Topology topology = AgentConfigurations.load(FILE, """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1 k2 k3
        a1.sinkgroups = g1
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = logger
        a1.sinks.k2.channel = c1
        a1.sinks.k3.type = null
        a1.sinks.k3.channel = c1
        a1.sinkgroups.g1.sinks = k2 k1
        a1.sinkgroups.g1.processor.type = failover
        a1.sinkgroups.g1.processor.priority.k1 = 10
        a1.sinkgroups.g1.processor.priority.k2 = 5
        a1.sinkgroups.g1.processor.maxpenalty = 10000
        """, "a1", STRICT);

    assertThat(topology.sinkRunners()).containsOnlyKeys("g1", "k3");
    assertThat(topology.sinkRunners().keySet()).containsExactly("g1", "k3");
    FixtureProcessor processor = (FixtureProcessor) topology.sinkRunners().get("g1").getProcessor();
    assertThat(processor.getSinks()).extracting(Sink::getName).containsExactly("k2", "k1");
    assertThat(processor.context().getParameters()).isEqualTo(Map.of("type", "failover",
        "priority.k1", "10", "priority.k2", "5", "maxpenalty", "10000"));
    assertThat(topology.summary()).isEqualTo("agent a1: 1 source (r1 netcat), 1 channel (c1 memory),"
        + " 3 sinks (k1 logger, k2 logger, k3 null), 1 sink group (g1 failover: k2 k1)");
  }

  @Test
  void variablesComeFromTheEnvironmentThenSystemPropertiesThenTheFile() {
    Options options = STRICT
        .withEnv(Map.of("NC_PORT", "44444", "HOST", "env-host"))
        .withSystemProperties(Map.of("HOST", "sys-host", "CAP", "500"));
    Topology topology = AgentConfigurations.load(FILE, MalformedConfigTest.lab01()
        .replace("port = 44444", "port = ${NC_PORT}")
        .replace("bind = localhost", "bind = ${HOST}")
        .replace("capacity = 1000", "capacity = ${CAP}")
        + """
        a1.sources.r1.interceptors = i1
        a1.sources.r1.interceptors.i1.type = static
        a1.sources.r1.interceptors.i1.value = ${sys:HOST}-${env:HOST}-${LOCAL}-$${LITERAL}
        LOCAL = from-file
        """, "a1", options);

    FixtureSource r1 = (FixtureSource) topology.sources().get("r1").getSource();
    assertThat(r1.context().getString("port")).isEqualTo("44444");
    assertThat(r1.context().getString("bind")).isEqualTo("env-host");
    assertThat(r1.context().getString("interceptors.i1.value")).isEqualTo("sys-host-env-host-from-file-${LITERAL}");
    assertThat(((FixtureChannel) topology.channels().get("c1")).capacity()).isEqualTo(500);
  }

  @Test
  void flumeClassNamesResolveToTheBuiltIns() {
    assertThat(AgentConfigurations.check(FILE, """
        a1.sources = r1
        a1.sinks = k1 k2
        a1.channels = c1
        a1.sinkgroups = g1
        a1.sources.r1.type = org.apache.flume.source.NetcatSource
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sources.r1.channels = c1
        a1.sources.r1.selector.type = org.apache.flume.channel.ReplicatingChannelSelector
        a1.sinks.k1.type = org.apache.flume.sink.LoggerSink
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = org.apache.flume.sink.NullSink
        a1.sinks.k2.channel = c1
        a1.sinkgroups.g1.sinks = k2
        a1.sinkgroups.g1.processor.type = org.apache.flume.sink.DefaultSinkProcessor
        a1.channels.c1.type = org.apache.flume.channel.MemoryChannel
        """, "a1", STRICT).render()).isEqualTo("agent a1: 1 source (r1 netcat), 1 channel (c1 memory),"
        + " 2 sinks (k1 logger, k2 null), 1 sink group (g1 default: k2)");
  }

  @Test
  void aliasesIgnoreCaseLikeFlume() {
    assertThat(problems(MalformedConfigTest.lab01().replace("type = netcat", "type = NetCat"))).isEmpty();
  }

  @Test
  void customSourceClassIsLoadedAndItsKeysAreNotChecked() {
    Topology topology = AgentConfigurations.load(FILE, MalformedConfigTest.lab01()
        .replace("type = netcat", "type = io.flumelab.core.config.fixtures.CustomSource")
        + "a1.sources.r1.anything.goes = yes\n", "a1", STRICT);

    assertThat(topology.sources().get("r1").getSource().getClass().getSimpleName()).isEqualTo("CustomSource");
    assertThat(topology.summary()).isEqualTo("agent a1: 1 source (r1 io.flumelab.core.config.fixtures.CustomSource),"
        + " 1 channel (c1 memory), 1 sink (k1 logger)");
  }

  @Test
  void interceptorsAreBuiltFromTheirBuilderWithTheirOwnKeys() {
    Topology topology = AgentConfigurations.load(FILE, MalformedConfigTest.lab01() + """
        a1.sources.r1.interceptors = i1 i2
        a1.sources.r1.interceptors.i1.type = io.flumelab.core.config.fixtures.FixtureInterceptor$Builder
        a1.sources.r1.interceptors.i1.key = dc
        a1.sources.r1.interceptors.i1.value = east
        a1.sources.r1.interceptors.i2.type = io.flumelab.core.config.fixtures.FixtureInterceptor$Builder
        """, "a1", STRICT);

    List<FixtureInterceptor> interceptors = topology.components().stream()
        .filter(FixtureInterceptor.class::isInstance).map(FixtureInterceptor.class::cast).toList();
    assertThat(interceptors).extracting(FixtureInterceptor::key, FixtureInterceptor::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dc", "east"), org.assertj.core.groups.Tuple.tuple("fixture", "yes"));
    FixtureSource r1 = (FixtureSource) topology.sources().get("r1").getSource();
    assertThat(r1.getChannelProcessor()).isInstanceOf(DefaultChannelProcessor.class);
  }

  @Test
  void otherAgentsKeysAreIgnored() {
    assertThat(problems(MalformedConfigTest.lab01() + """
        a2.sources = x
        a2.sources.x.type = nonsense
        a2.sinks.k1.channel = c1 c2
        """)).isEmpty();
  }

  @Test
  void checkPrintsWarningsThenTheSummary() {
    assertThat(AgentConfigurations.check(FILE, MalformedConfigTest.lab01() + "a1.channels.c1.capacity = 2000\n",
        "a1", STRICT).render()).isEqualTo("""
        jobs/x.conf:13: warning: a1.channels.c1.capacity: set twice; this value replaces the one on line 9. Remove the line you do not mean.
        agent a1: 1 source (r1 netcat), 1 channel (c1 memory), 1 sink (k1 logger)""");
  }

  @Test
  void replicatingRealSelectorGetsOptionalChannels() {
    Topology topology = AgentConfigurations.load(FILE, MalformedConfigTest.lab01()
        .replace("a1.channels = c1", "a1.channels = c1 c2")
        .replace("a1.sources.r1.channels = c1", "a1.sources.r1.channels = c1 c2") + """
        a1.channels.c2.type = memory
        a1.sources.r1.selector.optional = c2
        """, "a1", REAL);

    ReplicatingChannelSelector selector = (ReplicatingChannelSelector) topology.components().stream()
        .filter(ReplicatingChannelSelector.class::isInstance).findFirst().orElseThrow();
    assertThat(selector.getOptionalChannels(EventBuilder.withBody(new byte[0])))
        .extracting(Channel::getName).containsExactly("c2");
  }
}
