package io.flumelab.cluster;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.ganglia.GmondMetric;
import io.flumelab.cluster.ganglia.GmondXml;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.LineClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent started as the Ganglia case starts it reports its counters to the real gmond. */
@LabCluster(ganglia = true)
class AgentGangliaIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  @Test
  void countersArriveInGmondUnderFlumesNames(LabAgents agents, GmondXml xml) throws IOException {
    Path job = Files.writeString(dir.resolve("a1.conf"), String.join("\n",
        "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
        "a1.sources.r1.type = netcat", "a1.sources.r1.bind = hadoop102", "a1.sources.r1.port = 44444",
        "a1.sources.r1.channels = c1", "a1.channels.c1.type = memory",
        "a1.sinks.k1.type = logger", "a1.sinks.k1.channel = c1", ""));
    agents.start("a1", job, on("hadoop102"), "-Dflume.monitoring.type=ganglia",
        "-Dflume.monitoring.hosts=hadoop102:8649", "-Dflume.monitoring.pollFrequency=1")
        .awaitListening("hadoop102", 44444);

    try (LineClient nc = LineClient.connect("hadoop102", 44444)) {
      nc.send("one");
      nc.send("two");
      assertThat(nc.readLine(WAIT)).isEqualTo("OK");
      assertThat(nc.readLine(WAIT)).isEqualTo("OK");
    }

    GmondMetric puts = Awaitility.await().atMost(WAIT).until(
        () -> xml.metric("flume.CHANNEL.c1.EventPutSuccessCount"),
        metric -> metric.filter(m -> m.value().equals("2")).isPresent()).orElseThrow();
    assertThat(puts.type()).isEqualTo("float");
    assertThat(xml.metric("flume.SOURCE.r1.EventAcceptedCount")).map(GmondMetric::value)
        .contains("2");
    assertThat(xml.metric("flume.CHANNEL.c1.Type")).map(GmondMetric::value).contains("CHANNEL");
    assertThat(xml.metric("flume.SINK.k1.EventDrainSuccessCount")).isPresent();
    assertThat(xml.raw()).contains("NAME=\"GROUP\" VAL=\"flume\"");
  }
}
