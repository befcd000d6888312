package io.flumelab.core.sink;

import static io.flumelab.core.sink.SwitchableSink.put;
import static io.flumelab.core.sink.SwitchableSink.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.Channel;
import io.flumelab.api.Sink;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.Topology;
import io.flumelab.core.testing.AgentTesting;
import io.flumelab.core.testing.RunningAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sink groups loaded from a text config with the real registry, run by a real agent. */
class FailoverAgentTest {

  private static final String TWO_SINKS = """
      a1.sources = r1
      a1.channels = c1
      a1.sinks = k1 k2
      a1.sinkgroups = g1
      a1.sources.r1.type = io.flumelab.core.interceptor.InjectingSource
      a1.sources.r1.channels = c1
      a1.channels.c1.type = memory
      a1.sinks.k1.type = io.flumelab.core.sink.SwitchableSink
      a1.sinks.k1.channel = c1
      a1.sinks.k2.type = io.flumelab.core.sink.SwitchableSink
      a1.sinks.k2.channel = c1
      a1.sinkgroups.g1.sinks = k1 k2
      """;

  @RegisterExtension
  final RunningAgent agent = new RunningAgent("groups.conf");

  @Test
  void aFailoverGroupSwitchesToTheBackupAndBack() {
    Topology topology = start(TWO_SINKS + """
        a1.sinkgroups.g1.processor.type = failover
        a1.sinkgroups.g1.processor.priority.k1 = 10
        a1.sinkgroups.g1.processor.priority.k2 = 5
        a1.sinkgroups.g1.processor.maxpenalty = 200
        """);
    FailoverSinkProcessor processor = (FailoverSinkProcessor) topology.sinkRunners().get("g1").getProcessor();
    SwitchableSink k1 = sink(topology, 0);
    SwitchableSink k2 = sink(topology, 1);
    Channel channel = topology.channels().get("c1");

    put(channel, range("a", 0, 30));
    await().atMost(Duration.ofSeconds(5)).until(() -> k1.delivered.size() == 30);
    k1.down();
    put(channel, range("b", 0, 30));
    await().atMost(Duration.ofSeconds(5)).until(() -> k2.delivered.size() == 30);
    k1.up();
    List<String> trickle = new ArrayList<>();
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      trickle.add("p" + trickle.size());
      put(channel, List.of(trickle.get(trickle.size() - 1)));
      return !processor.isFailed(k1);
    });
    put(channel, range("c", 0, 30));
    await().atMost(Duration.ofSeconds(5)).until(() -> k1.delivered.contains("c29") && isEmpty(channel));

    assertThat(topology.sinkRunners()).containsOnlyKeys("g1");
    assertThat(processor.getSinksByPriority()).containsExactly(k1, k2);
    List<String> all = new ArrayList<>(k1.delivered);
    all.addAll(k2.delivered);
    List<String> expected = new ArrayList<>(range("a", 0, 30));
    expected.addAll(range("b", 0, 30));
    expected.addAll(trickle);
    expected.addAll(range("c", 0, 30));
    assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(k1.delivered).endsWith(range("c", 0, 30).toArray(String[]::new));
  }

  @Test
  void aLoadBalanceGroupUsesBothSinksAndBacksOffADeadOne() {
    Topology topology = start(TWO_SINKS + """
        a1.sinkgroups.g1.processor.type = load_balance
        a1.sinkgroups.g1.processor.backoff = true
        a1.sinkgroups.g1.processor.selector = round_robin
        a1.sinkgroups.g1.processor.selector.maxTimeOut = 10000
        """);
    SwitchableSink k1 = sink(topology, 0);
    SwitchableSink k2 = sink(topology, 1);
    Channel channel = topology.channels().get("c1");

    put(channel, range("a", 0, 200));
    await().atMost(Duration.ofSeconds(5)).until(() -> isEmpty(channel));
    assertThat(k1.batches.get()).isPositive();
    assertThat(k2.batches.get()).isPositive();

    k2.down();
    put(channel, range("b", 0, 200));
    await().atMost(Duration.ofSeconds(5)).until(() -> isEmpty(channel) && k1.delivered.contains("b199"));

    assertThat(k2.failures.get()).isEqualTo(1); // left out for the rest of the test
    List<String> all = new ArrayList<>(k1.delivered);
    all.addAll(k2.delivered);
    List<String> expected = new ArrayList<>(range("a", 0, 200));
    expected.addAll(range("b", 0, 200));
    assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aPriorityForASinkOutsideTheGroupIsReportedAtItsLine() {
    List<String> problems = problems(TWO_SINKS + """
        a1.sinkgroups.g1.processor.type = failover
        a1.sinkgroups.g1.processor.priority.k3 = 10
        """);

    assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("g.conf:14: ")
        .contains("a1.sinkgroups.g1.processor.priority.k3").contains("names no sink of the group (its sinks: k1, k2)"));
  }

  @Test
  void equalPrioritiesAreAnErrorAtTheLaterKeyAndRunInListOrderWhenLenient() {
    String ties = TWO_SINKS + """
        a1.sinkgroups.g1.processor.type = failover
        a1.sinkgroups.g1.processor.priority.k1 = 5
        a1.sinkgroups.g1.processor.priority.k2 = 5
        """;

    assertThat(problems(ties)).singleElement().satisfies(p -> assertThat(p)
        .startsWith("jobs/g.conf:15: a1.sinkgroups.g1.processor.priority.k2: sinks k1 and k2 have "
            + "the same priority, 5"));
    Topology lenient = AgentConfigurations.load("jobs/g.conf", ties, "a1",
        AgentTesting.REAL.withLenient(true));
    assertThat(lenient.warnings()).singleElement().satisfies(w -> assertThat(w.render())
        .startsWith("jobs/g.conf:15: warning: a1.sinkgroups.g1.processor.priority.k2: sinks k1 "
            + "and k2 have the same priority, 5"));
    FailoverSinkProcessor processor =
        (FailoverSinkProcessor) lenient.sinkRunners().get("g1").getProcessor();
    assertThat(processor.getSinksByPriority()).extracting(Sink::getName)
        .containsExactly("k1", "k2");
  }

  @Test
  void aMaxpenaltyWithUnitsIsReportedAtItsLine() {
    List<String> problems = problems(TWO_SINKS + """
        a1.sinkgroups.g1.processor.type = failover
        a1.sinkgroups.g1.processor.maxpenalty = 10s
        """);

    assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("g.conf:14: ")
        .contains("a1.sinkgroups.g1.processor.maxpenalty"));
  }

  @Test
  void aMisspelledSelectorKeyIsCaught() {
    List<String> problems = problems(TWO_SINKS + """
        a1.sinkgroups.g1.processor.type = load_balance
        a1.sinkgroups.g1.processor.backoff = true
        a1.sinkgroups.g1.processor.selector.maxTimeout = 10000
        """);

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("g.conf:15: ")
        .contains("selector.maxTimeout").contains("Did you mean 'selector.maxTimeOut'?"));
  }

  private static List<String> problems(String text) {
    return AgentTesting.problems("jobs/g.conf", text);
  }

  private Topology start(String config) {
    return agent.start(config);
  }

  private static SwitchableSink sink(Topology topology, int index) {
    return (SwitchableSink) topology.sinkRunners().get("g1").getProcessor().getSinks().get(index);
  }

  private static boolean isEmpty(Channel channel) {
    return channel instanceof MemoryChannel memory && memory.size() == 0;
  }
}
