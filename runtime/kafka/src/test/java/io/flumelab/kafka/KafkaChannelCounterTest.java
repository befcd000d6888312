package io.flumelab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.monitor.PrometheusText;
import io.flumelab.core.spi.MonitoredAgent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a scrape shows of the Kafka channel's counters, byte for byte: {@code kafka-channel.prom}
 * beside this class was written by the reporter before the descriptions moved beside the counters,
 * so a name, HELP, TYPE or scale that changes fails here.
 */
class KafkaChannelCounterTest {

  @Test
  void scrapesAsBeforeTheDescriptionsMovedBesideTheCounters() throws IOException {
    KafkaChannelCounter counter = new KafkaChannelCounter("c1");
    counter.setChannelCapacity(0);
    counter.setChannelSize(0);
    counter.addToEventPutAttemptCount(30);
    counter.addToEventPutSuccessCount(29);
    counter.addToEventTakeAttemptCount(12);
    counter.addToEventTakeSuccessCount(10);
    counter.addToKafkaEventGetTimer(1234);
    counter.addToKafkaEventSendTimer(56);
    counter.addToKafkaCommitTimer(7);
    counter.addToRollbackCounter(2);

    String text = PrometheusText.of(new MonitoredAgent("a1", Map.of("CHANNEL.c1", "kafka")),
        List.of(counter));

    assertScrapes(text, "kafka-channel.prom");
  }

  private static void assertScrapes(String text, String file) throws IOException {
    assertThat(text).isEqualTo(expected(file));
  }

  private static String expected(String file) throws IOException {
    try (InputStream in = KafkaChannelCounterTest.class.getResourceAsStream(file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
