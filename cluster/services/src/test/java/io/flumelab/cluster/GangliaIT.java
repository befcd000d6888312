package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import info.ganglia.gmetric4j.gmetric.GMetric;
import info.ganglia.gmetric4j.gmetric.GMetricSlope;
import info.ganglia.gmetric4j.gmetric.GMetricType;
import io.flumelab.cluster.ganglia.GmondMetric;
import io.flumelab.cluster.ganglia.GmondXml;
import io.flumelab.cluster.junit.LabCluster;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@LabCluster(ganglia = true)
class GangliaIT {

  @Test
  void aMetricSentWithGmetric4jShowsInGmondsXml(GmondXml xml) throws Exception {
    assertThat(xml.raw()).contains("<CLUSTER NAME=\"flumelab\"");
    // no UUID: gmond 3.7.2 drops packets that carry one
    try (GMetric gmetric = new GMetric("hadoop102", 8649, GMetric.UDPAddressingMode.UNICAST, 1,
        true, null)) {
      gmetric.announce("CHANNEL.c1.ChannelSize", "42", GMetricType.INT32, "events",
          GMetricSlope.BOTH, 60, 0, "flume");
    }
    GmondMetric metric = Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> xml.metric("CHANNEL.c1.ChannelSize"), Optional::isPresent).orElseThrow();
    assertThat(metric.value()).isEqualTo("42");
    assertThat(metric.type()).isEqualTo("int32");
    assertThat(metric.units()).isEqualTo("events");
  }
}
