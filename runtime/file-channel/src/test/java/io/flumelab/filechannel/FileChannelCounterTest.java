package io.flumelab.filechannel;

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
 * What a scrape shows of the file channel's counters, byte for byte: {@code file-channel.prom}
 * beside this class was written by the reporter before the descriptions moved beside the counters,
 * so a name, HELP, TYPE or scale that changes fails here.
 */
class FileChannelCounterTest {

  @Test
  void scrapesAsBeforeTheDescriptionsMovedBesideTheCounters() throws IOException {
    FileChannelCounter counter = new FileChannelCounter("c1");
    counter.setChannelCapacity(1000);
    counter.setChannelSize(250);
    counter.addToEventPutAttemptCount(300);
    counter.addToEventPutSuccessCount(290);
    counter.addToEventTakeAttemptCount(45);
    counter.addToEventTakeSuccessCount(40);
    counter.setUnhealthy(true);
    counter.incrementEventPutErrorCount();
    counter.incrementEventTakeErrorCount();
    counter.incrementCheckpointWriteErrorCount();
    counter.incrementCheckpointBackupWriteErrorCount();
    counter.addLogWrite(5);
    counter.incrementLogFsyncCount();

    String text = PrometheusText.of(new MonitoredAgent("a1", Map.of("CHANNEL.c1", "file")),
        List.of(counter));

    assertScrapes(text, "file-channel.prom");
  }

  private static void assertScrapes(String text, String file) throws IOException {
    assertThat(text).isEqualTo(expected(file));
  }

  private static String expected(String file) throws IOException {
    try (InputStream in = FileChannelCounterTest.class.getResourceAsStream(file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
