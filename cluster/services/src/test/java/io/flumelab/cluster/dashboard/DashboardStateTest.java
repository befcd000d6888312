package io.flumelab.cluster.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.flumelab.api.Context;
import io.flumelab.core.agent.AgentAnnouncement;
import io.flumelab.core.monitor.HttpMetricsServer;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.launcher.Graphviz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON the page polls, from real announcement files, processes and counter samples. */
class DashboardStateTest {

  private static final String JOB = """
      a1.sources = r1
      a1.channels = c1
      a1.sinks = k1
      a1.sources.r1.type = netcat
      a1.sources.r1.bind = localhost
      a1.sources.r1.port = 44444
      a1.sources.r1.channels = c1
      a1.channels.c1.type = memory
      a1.sinks.k1.type = avro
      a1.sinks.k1.hostname = hadoop102
      a1.sinks.k1.port = 4141
      a1.sinks.k1.channel = c1
      a2.sources = r1
      a2.channels = c1
      a2.sinks = k1
      a2.sources.r1.type = avro
      a2.sources.r1.bind = hadoop102
      a2.sources.r1.port = 4141
      a2.sources.r1.channels = c1
      a2.channels.c1.type = memory
      a2.sinks.k1.type = logger
      a2.sinks.k1.channel = c1
      """;

  private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

  @TempDir
  Path dir;

  @Test
  void countersBecomeRatesOnTheEdgesAndFillOnTheChannels() throws IOException {
    Path job = Files.writeString(dir.resolve("chain.conf"), JOB);
    WatchedAgent a1 = new WatchedAgent(AgentAnnouncement.ofThisProcess("a1", job,
        "http://127.0.0.1:1/metrics"), NOW);
    a1.answered(sample(0, 100, 90, 80, 10), NOW);
    a1.answered(sample(2_000_000_000L, 120, 110, 90, 20), NOW.plusSeconds(2));

    String json = DashboardState.json(NOW, services(), List.of(a1), drawing(List.of(a1)));

    Map<String, String> labels = object(json, "labels");
    assertThat(labels).containsExactly(
        Map.entry("a1/source/r1->a1/channel/c1", "put 10.0/s"),
        Map.entry("a1/channel/c1->a1/sink/k1", "take 5.0/s"),
        Map.entry("a1/channel/c1", "fill 2.0 % (20)"));
    assertThat(json).contains("\"id\":\"a1\"", "\"state\":\"running\"", "\"received\":120",
        "\"delivered\":90", "\"elements\":[\"agent:a1\",\"a1/source/r1\",\"a1/channel/c1\","
            + "\"a1/sink/k1\",\"a1/source/r1->a1/channel/c1\",\"a1/channel/c1->a1/sink/k1\"]",
        "\"services\":{\"summary\":\"flumelab up: running\",\"rows\":[{\"name\":\"ganglia\","
            + "\"backend\":\"local\",\"addresses\":[\"gmond hadoop102:8649\"],\"state\":\"answers\"");
  }

  @Test
  void aKilledAgentIsDeadWithoutCountersAndARunningOneBesideItKeepsItsHop() throws Exception {
    Path job = Files.writeString(dir.resolve("chain.conf"), JOB);
    Path announcements = AgentAnnouncement.directory(dir);
    Process killed = new ProcessBuilder("sleep", "60").start();
    AgentAnnouncement gone = new AgentAnnouncement("a2", killed.pid(),
        killed.info().startInstant().orElseThrow().toEpochMilli(), job,
        "http://127.0.0.1:1/metrics", NOW);
    gone.write(announcements);
    HttpMetricsServer counters = new HttpMetricsServer();
    counters.configure(new Context(Map.of("port", "0")));
    counters.start(List::<ComponentCounter>of);
    try {
      AgentAnnouncement.ofThisProcess("a1", job, "http://127.0.0.1:" + counters.port() + "/metrics")
          .write(announcements);
      AgentWatch watch = new AgentWatch(announcements, Clock.fixed(NOW, ZoneOffset.UTC));
      // a2's process runs but serves no counters
      assertThat(watch.refresh()).extracting(WatchedAgent::state)
          .containsExactlyInAnyOrder(WatchedAgent.State.RUNNING, WatchedAgent.State.NOT_ANSWERING);

      killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      List<WatchedAgent> agents = watch.refresh();
      String json = DashboardState.json(NOW, services(), agents, drawing(agents));

      assertThat(agents).filteredOn(a -> a.announcement().agent().equals("a2"))
          .extracting(WatchedAgent::state).containsExactly(WatchedAgent.State.DEAD);
      assertThat(json).contains("\"name\":\"a2\",\"pid\":" + killed.pid())
          .contains("\"state\":\"dead\",\"reason\":\"process " + killed.pid()
              + " is gone without a clean stop (killed?)\"");
      assertThat(object(json, "labels")).containsOnlyKeys("a1/source/r1->a1/channel/c1",
          "a1/channel/c1->a1/sink/k1", "a1/channel/c1");
      LiveTopology.Drawing drawing = drawing(agents);
      assertThat(drawing.graph().hops()).hasSize(1);
      if (drawing.svg() != null) {
        assertThat(drawing.svg()).startsWith("<svg").contains("id=\"agent:a2\"",
            "id=\"a2/channel/c1\"", "id=\"hop:a1/sink/k1&#45;&gt;a2/source/r1\"");
      }
    } finally {
      counters.stop();
      killed.destroyForcibly();
    }
  }

  @Test
  void anAgentThatStoppedCleanlyIsDroppedAndOneWhoseCountersDoNotAnswerIsSaidSo()
      throws IOException {
    Path job = Files.writeString(dir.resolve("chain.conf"), JOB);
    Path announcements = AgentAnnouncement.directory(dir);
    AgentAnnouncement silent = AgentAnnouncement.ofThisProcess("a1", job,
        "http://127.0.0.1:1/metrics");
    silent.write(announcements);
    AgentWatch watch = new AgentWatch(announcements, Clock.fixed(NOW, ZoneOffset.UTC));

    List<WatchedAgent> agents = watch.refresh();

    assertThat(agents).singleElement().satisfies(agent -> {
      assertThat(agent.state()).isEqualTo(WatchedAgent.State.NOT_ANSWERING);
      assertThat(agent.reason()).startsWith("its counters at http://127.0.0.1:1/metrics do not "
          + "answer (ConnectException");
    });
    silent.remove(announcements);
    assertThat(watch.refresh()).isEmpty();
  }

  @Test
  void flumesJsonIsReadAsNumbersAndRatesPerSecond() throws IOException {
    CounterSample before = CounterSample.parse(0, "{\"CHANNEL.c1\":{\"EventPutSuccessCount\":\"10\","
        + "\"Type\":\"CHANNEL\",\"ChannelFillPercentage\":\"0.5\"},\"SOURCE.r1\":{}}");
    CounterSample after = CounterSample.parse(500_000_000L, "{\"CHANNEL.c1\":{"
        + "\"EventPutSuccessCount\":\"15\"}}");

    assertThat(before.value("CHANNEL.c1", "ChannelFillPercentage")).isEqualTo(0.5);
    assertThat(before.value("CHANNEL.c1", "Type")).isNull();
    assertThat(after.rate(before, "CHANNEL.c1", "EventPutSuccessCount")).isEqualTo(10.0);
    assertThat(after.rate(null, "CHANNEL.c1", "EventPutSuccessCount")).isNull();
  }

  private LiveTopology.Drawing drawing(List<WatchedAgent> agents) {
    return new LiveTopology(Graphviz.onPath()).of(DashboardState.declared(agents));
  }

  private static ServicesView services() {
    return new ServicesView("flumelab up: running", List.of(new ServicesView.Row("ganglia", "local",
        List.of("gmond hadoop102:8649"), "answers", "")));
  }

  /** Flume's JSON for a1: r1 accepted, c1 put and taken with its size, k1 drained. */
  private static CounterSample sample(long nanos, long accepted, long put, long drained, long size)
      throws IOException {
    return CounterSample.parse(nanos, "{\"SOURCE.r1\":{\"EventAcceptedCount\":\"" + accepted + "\"},"
        + "\"CHANNEL.c1\":{\"EventPutSuccessCount\":\"" + put + "\",\"ChannelSize\":\"" + size
        + "\",\"ChannelFillPercentage\":\"" + (size / 10.0) + "\"},"
        + "\"SINK.k1\":{\"EventDrainSuccessCount\":\"" + drained + "\"}}");
  }

  /** A JSON object of strings at the top level of {@code json}, in order. */
  private static Map<String, String> object(String json, String field) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (!name.equals(field)) {
          parser.skipChildren();
          continue;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          parser.nextToken();
          values.put(key, parser.getText());
        }
      }
    }
    return values;
  }
}
