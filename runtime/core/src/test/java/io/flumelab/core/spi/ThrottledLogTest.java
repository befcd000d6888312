package io.flumelab.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.testing.LogCapture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {

  private static final String LOGGER = ThrottledLogTest.class.getName() + ".throttled";

  @Test
  void oneWarningPerIntervalThenTheNextSaysHowManyWereLeftOut() {
    AtomicLong clock = new AtomicLong(0);
    try (LogCapture log = LogCapture.attach(LOGGER, Level.WARN)) {
      ThrottledLog throttled =
          new ThrottledLog(LoggerFactory.getLogger(LOGGER), 10_000, clock::get);

      for (int i = 0; i < 1000; i++) {
        throttled.warn("bad frame from {}", "peer" + i);
      }
      assertThat(log.lines()).containsExactly("WARN bad frame from peer0");
      assertThat(throttled.suppressed()).isEqualTo(999);

      clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
      throttled.warn("bad frame from {}", "peer1000");

      assertThat(log.lines()).containsExactly("WARN bad frame from peer0",
          "WARN bad frame from peer1000 (999 similar warnings in the last 10 s not logged)");
      assertThat(throttled.suppressed()).isZero();
    }
  }
}
