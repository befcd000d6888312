package io.flumelab.core.interceptor;

import static io.flumelab.core.testing.TestData.event;
import static io.flumelab.core.testing.TestData.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.Channel;
import io.flumelab.api.Event;
import io.flumelab.api.LifecycleState;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.AgentConfigurations.Options;
import io.flumelab.core.config.Problem;
import io.flumelab.core.config.Topology;
import io.flumelab.core.testing.AgentTesting;
import io.flumelab.core.testing.RunningAgent;
import io.flumelab.core.testing.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole agent loaded from a text config with the real registry: the interceptor chain runs in
 * order before the multiplexing selector routes, and what a filter drops reaches no channel.
 */
class InterceptorAgentTest {

  private static final String TWO_CHANNELS = """
      a1.sources = r1
      a1.channels = c1 c2
      a1.sinks = k1 k2
      a1.sources.r1.type = io.flumelab.core.interceptor.InjectingSource
      a1.sources.r1.channels = c1 c2
      a1.channels.c1.type = memory
      a1.channels.c2.type = memory
      a1.sinks.k1.type = io.flumelab.core.interceptor.CollectingSink
      a1.sinks.k1.channel = c1
      a1.sinks.k2.type = io.flumelab.core.interceptor.CollectingSink
      a1.sinks.k2.channel = c2
      """;

  @RegisterExtension
  final RunningAgent agent = new RunningAgent("interceptors.conf");

  @Test
  void staticHeaderRoutesAndFilteredEventsAreNotDelivered() {
    Topology topology = start(TWO_CHANNELS + """
        a1.sources.r1.interceptors = quiet dc ts
        a1.sources.r1.interceptors.quiet.type = regex_filter
        a1.sources.r1.interceptors.quiet.regex = ^DEBUG
        a1.sources.r1.interceptors.quiet.excludeEvents = true
        a1.sources.r1.interceptors.dc.type = org.apache.flume.interceptor.StaticInterceptor$Builder
        a1.sources.r1.interceptors.dc.key = state
        a1.sources.r1.interceptors.dc.value = CZ
        a1.sources.r1.interceptors.ts.type = timestamp
        a1.sources.r1.selector.type = multiplexing
        a1.sources.r1.selector.header = state
        a1.sources.r1.selector.mapping.CZ = c1
        a1.sources.r1.selector.default = c2
        """);
    InjectingSource source = source(topology);

    source.deliver(events("INFO one", "DEBUG noise", "WARN two"));
    source.deliver(event("DEBUG single"));
    source.deliver(event("from elsewhere", "state", "US")); // static keeps an existing value

    List<Event> k1 = delivered(topology, "k1", 2);
    assertThat(k1).extracting(TestData::body).containsExactly("INFO one", "WARN two");
    assertThat(k1).allSatisfy(e -> assertThat(e.getHeaders()).containsEntry("state", "CZ").containsKey("timestamp"));
    assertThat(delivered(topology, "k2", 1)).extracting(TestData::body).containsExactly("from elsewhere");
  }

  @Test
  void theCoursesCustomInterceptorRoutesByItsHeader() {
    Topology topology = start(TWO_CHANNELS + """
        a1.sources.r1.interceptors = i1
        a1.sources.r1.interceptors.i1.type = com.atguigu.TypeInterceptor$Builder
        a1.sources.r1.selector.type = multiplexing
        a1.sources.r1.selector.header = type
        a1.sources.r1.selector.mapping.first = c1
        a1.sources.r1.selector.mapping.second = c2
        """);

    source(topology).deliver(events("hello atguigu", "hello world", "atguigu again"));

    assertThat(delivered(topology, "k1", 2)).extracting(TestData::body)
        .containsExactly("hello atguigu", "atguigu again");
    assertThat(delivered(topology, "k2", 1)).extracting(TestData::body).containsExactly("hello world");
  }

  @Test
  void namedGroupsInReplaceStringAreNotTakenForVariables() {
    String config = TWO_CHANNELS + """
        a1.sources.r1.interceptors = swap
        a1.sources.r1.interceptors.swap.type = search_replace
        a1.sources.r1.interceptors.swap.searchPattern = (?<user>[a-z]+)@(?<host>[a-z.]+)
        a1.sources.r1.interceptors.swap.replaceString = ${host} (${user}) ${env:TAG}
        a1.sources.r1.selector.type = multiplexing
        a1.sources.r1.selector.header = none
        a1.sources.r1.selector.default = c1
        """;
    // an environment variable named like a group must not replace the group reference
    Options options = AgentTesting.REAL.withEnv(Map.of("host", "from-env", "TAG", "[mail]"));

    Topology topology = start(config, options);
    source(topology).deliver(events("alice@example.org", "no address"));

    assertThat(delivered(topology, "k1", 2)).extracting(TestData::body)
        .containsExactly("example.org (alice) [mail]", "no address");
    assertThat(AgentConfigurations.check("interceptors.conf", config, "a1", options).problems())
        .extracting(Problem::render).containsExactly("interceptors.conf:15: warning: "
            + "a1.sources.r1.interceptors.swap.replaceString: ${host} is kept as a reference to "
            + "the regex group 'host', not replaced by the environment variable host (in "
            + "replaceString, ${name} names a group of searchPattern). Write ${env:host} or "
            + "${sys:host} if you meant the variable; otherwise rename the group or the variable "
            + "so that the two cannot be confused.");
    assertThat(AgentConfigurations.check("interceptors.conf", config, "a1",
        AgentTesting.REAL.withEnv(Map.of("TAG", "[mail]"))).problems())
        .as("with no variable named like a group, nothing is ambiguous").isEmpty();
  }

  private Topology start(String config) {
    return start(config, AgentTesting.REAL);
  }

  private Topology start(String config, Options options) {
    Topology topology = agent.start(config, options);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> source(topology).getLifecycleState() == LifecycleState.START);
    return topology;
  }

  private static InjectingSource source(Topology topology) {
    return (InjectingSource) topology.sources().get("r1").getSource();
  }

  /**
   * What the sink delivered once it holds {@code count} events and its channel is empty: the
   * source wrote synchronously, so nothing else can still arrive.
   */
  private static List<Event> delivered(Topology topology, String sink, int count) {
    CollectingSink collecting = (CollectingSink) topology.sinkRunners().get(sink).getProcessor().getSinks().get(0);
    Channel channel = collecting.getChannel();
    await().atMost(Duration.ofSeconds(10)).until(() -> collecting.delivered().size() >= count && isEmpty(channel));
    return List.copyOf(collecting.delivered());
  }

  private static boolean isEmpty(Channel channel) {
    return channel instanceof io.flumelab.core.channel.MemoryChannel memory && memory.size() == 0;
  }
}
