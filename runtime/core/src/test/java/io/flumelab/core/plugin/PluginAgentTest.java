package io.flumelab.core.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.Sink;
import io.flumelab.core.agent.Agent;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.Topology;
import io.flumelab.core.sink.LoadBalancingSinkProcessor;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.testing.AgentTesting;
import io.flumelab.core.testing.PluginFixtures;
import io.flumelab.core.testing.PluginJars;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process agents whose components come from plugins.d: the whole path, from type to event. */
class PluginAgentTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private Agent agent;

  @BeforeEach
  void plugins() {
    PluginJars.jar(root().resolve("demo/lib/demo.jar"), Map.of(
        "demo.CountingSource", PluginFixtures.COUNTING_SOURCE,
        "demo.Shout", PluginFixtures.SHOUT_INTERCEPTOR));
    PluginJars.jar(root().resolve("keep/lib/keep.jar"), Map.of(
        "demo.KeepingSink", PluginFixtures.KEEPING_SINK));
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop(0);
    }
  }

  private Path root() {
    return dir.resolve("plugins.d");
  }

  private Topology start(String config, Path compat) {
    Map<String, String> system = new HashMap<>(Map.of(PluginPaths.PLUGINS_PATH, root().toString()));
    if (compat != null) {
      system.put(PluginPaths.COMPAT_PATH, compat.toString());
    }
    Topology topology = AgentConfigurations.load("jobs/plugins.conf", config, "a1",
        AgentTesting.REAL.withSystemProperties(system));
    agent = Agent.of(topology);
    agent.start();
    return topology;
  }

  private static Sink sink(Topology topology, String runner, int index) {
    return topology.sinkRunners().get(runner).getProcessor().getSinks().get(index);
  }

  @SuppressWarnings("unchecked")
  private static List<String> bodies(Sink sink) {
    try {
      return (List<String>) sink.getClass().getMethod("bodies").invoke(sink);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSourceAnInterceptorAndASinkFromPluginsDCarryEventsAndTheirLoadersCloseAtStop() {
    Topology topology = start("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = demo.CountingSource
        a1.sources.r1.count = 3
        a1.sources.r1.channels = c1
        a1.sources.r1.interceptors = i1
        a1.sources.r1.interceptors.i1.type = demo.Shout$Builder
        a1.channels.c1.type = memory
        a1.sinks.k1.type = demo.KeepingSink
        a1.sinks.k1.channel = c1
        """, null);
    Sink sink = sink(topology, "k1", 0);

    await().atMost(WAIT).untilAsserted(() ->
        assertThat(bodies(sink)).containsExactly("EVENT-0", "EVENT-1", "EVENT-2"));
    ClassLoader loader = sink.getClass().getClassLoader();
    assertThat(loader.getName()).isEqualTo("plugin:keep");
    assertThat(topology.sources().get("r1").getSource().getClass().getClassLoader().getName())
        .isEqualTo("plugin:demo");

    agent.stop(0);
    agent = null;
    assertThat(Plugins.isPluginLoader(loader)).as("closed after the agent stopped").isFalse();
  }

  @Test
  void anHttpSourceFindsItsHandlerInPluginsDThroughTheContextClassLoader() throws Exception {
    PluginJars.jar(root().resolve("handler/lib/handler.jar"), Map.of("demo.LinesHandler", """
        package demo;
        import io.flumelab.api.*;
        import io.flumelab.core.spi.*;
        import java.util.ArrayList;
        import java.util.List;
        public class LinesHandler implements HttpSourceHandler {
          public void configure(Context context) {}
          public List<Event> getEvents(HttpSourceRequest request) {
            List<Event> events = new ArrayList<>();
            for (String line : new String(request.body()).split("\\n")) {
              events.add(EventBuilder.withBody(line.getBytes()));
            }
            return events;
          }
        }
        """));
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Topology topology = start("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = http
        a1.sources.r1.bind = 127.0.0.1
        a1.sources.r1.port = %d
        a1.sources.r1.handler = demo.LinesHandler
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = demo.KeepingSink
        a1.sinks.k1.channel = c1
        """.formatted(port), null);

    HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();
    HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .timeout(WAIT).header("Content-Type", "text/plain")
        .POST(BodyPublishers.ofString("one\ntwo", UTF_8)).build();
    HttpResponse<String> response = await().atMost(WAIT).ignoreExceptions()
        .until(() -> client.send(post, BodyHandlers.ofString()), r -> r != null);

    assertThat(response.statusCode()).isEqualTo(200);
    Sink sink = sink(topology, "k1", 0);
    await().atMost(WAIT).untilAsserted(() -> assertThat(bodies(sink)).containsExactly("one", "two"));
  }

  @Test
  void aLoadBalancingGroupsCustomSelectorComesFromPluginsD() {
    PluginJars.jar(root().resolve("selector/lib/selector.jar"), Map.of("demo.FirstSelector", """
        package demo;
        import io.flumelab.api.*;
        import io.flumelab.core.spi.SinkSelector;
        import java.util.Iterator;
        import java.util.List;
        public class FirstSelector implements SinkSelector {
          private List<Sink> sinks;
          private LifecycleState state = LifecycleState.IDLE;
          public void configure(Context context) {}
          public void setSinks(List<Sink> sinks) { this.sinks = sinks; }
          public Iterator<Sink> createSinkIterator() { return List.of(sinks.get(0)).iterator(); }
          public void informSinkFailed(Sink failed) {}
          public void start() { state = LifecycleState.START; }
          public void stop() { state = LifecycleState.STOP; }
          public LifecycleState getLifecycleState() { return state; }
        }
        """));
    Topology topology = start("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1 k2
        a1.sinkgroups = g1
        a1.sinkgroups.g1.sinks = k1 k2
        a1.sinkgroups.g1.processor.type = load_balance
        a1.sinkgroups.g1.processor.selector = demo.FirstSelector
        a1.sources.r1.type = demo.CountingSource
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = demo.KeepingSink
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = demo.KeepingSink
        a1.sinks.k2.channel = c1
        """, null);

    LoadBalancingSinkProcessor processor =
        (LoadBalancingSinkProcessor) topology.sinkRunners().get("g1").getProcessor();
    assertThat(processor.getSelector().getClass().getClassLoader().getName())
        .isEqualTo("plugin:selector");
    await().atMost(WAIT).untilAsserted(() -> assertThat(bodies(sink(topology, "g1", 0)))
        .containsExactly("event-0", "event-1", "event-2"));
    assertThat(bodies(sink(topology, "g1", 1))).as("the selector never picks k2").isEmpty();
  }

  @Test
  void aForeignSourceRunsThroughItsApisAdapterAndItsCountersJoinTheAgents() {
    Path compat = PluginFixtures.compatDir(dir.resolve("compat/test"));
    PluginJars.jar(root().resolve("foreign/lib/foreign.jar"),
        Map.of("demo.ForeignSource", PluginFixtures.FOREIGN_SOURCE),
        PluginFixtures.foreignApiJar(compat));

    Topology topology = start("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = demo.ForeignSource
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = demo.KeepingSink
        a1.sinks.k1.channel = c1
        """, compat);

    Sink sink = sink(topology, "k1", 0);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(bodies(sink)).containsExactly("foreign-0", "foreign-1", "foreign-2"));
    assertThat(topology.sources().get("r1").getSource().getClass().getName())
        .isEqualTo("org.example.compat.SourceAdapter");
    assertThat(agent.counters()).extracting(ComponentCounter::getName)
        .contains("c1", "foreign-kept");
  }
}
