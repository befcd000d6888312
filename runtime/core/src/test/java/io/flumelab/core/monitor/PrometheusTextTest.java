package io.flumelab.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.MonitoredAgent;
import io.flumelab.core.spi.SinkCounter;
import io.flumelab.core.spi.SourceCounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a scrape shows of each of the core's counter classes, byte for byte: the {@code .prom}
 * files beside this class were written by the reporter before each counter's description moved
 * beside its class, so a name, HELP, TYPE or scale that changes fails here.
 */
class PrometheusTextTest {

  private static final MonitoredAgent AGENT = new MonitoredAgent("a1", Map.of(
      "SOURCE.r1", "netcat", "CHANNEL.c1", "memory", "SINK.k1", "logger"));

  @Test
  void aSourcesCounters() throws IOException {
    SourceCounter counter = new SourceCounter("r1");
    counter.addToEventReceivedCount(12);
    counter.addToEventAcceptedCount(11);
    counter.incrementAppendReceivedCount();
    counter.incrementAppendAcceptedCount();
    counter.incrementAppendBatchReceivedCount();
    counter.incrementAppendBatchAcceptedCount();
    counter.setOpenConnectionCount(3);
    counter.incrementEventReadFail();
    counter.incrementChannelWriteFail();
    counter.incrementGenericProcessingFail();

    assertScrapes(PrometheusText.of(AGENT, List.of(counter)), "source.prom");
  }

  @Test
  void aChannelsCounters() throws IOException {
    ChannelCounter counter = new ChannelCounter("c1");
    counter.setChannelCapacity(200);
    counter.setChannelSize(50);
    counter.addToEventPutAttemptCount(70);
    counter.addToEventPutSuccessCount(60);
    counter.addToEventTakeAttemptCount(15);
    counter.addToEventTakeSuccessCount(10);
    counter.addToEventDiscardCount(2);

    assertScrapes(PrometheusText.of(AGENT, List.of(counter)), "channel.prom");
  }

  @Test
  void aSinksCounters() throws IOException {
    SinkCounter counter = new SinkCounter("k1");
    counter.incrementConnectionCreatedCount();
    counter.incrementConnectionClosedCount();
    counter.incrementConnectionFailedCount();
    counter.incrementBatchEmptyCount();
    counter.incrementBatchUnderflowCount();
    counter.incrementBatchCompleteCount();
    counter.addToEventDrainAttemptCount(9);
    counter.addToEventDrainSuccessCount(8);
    counter.incrementEventWriteFail();
    counter.incrementChannelReadFail();

    assertScrapes(PrometheusText.of(AGENT, List.of(counter)), "sink.prom");
  }

  private static void assertScrapes(String text, String file) throws IOException {
    assertThat(text).isEqualTo(expected(file));
  }

  private static String expected(String file) throws IOException {
    try (InputStream in = PrometheusTextTest.class.getResourceAsStream(file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
