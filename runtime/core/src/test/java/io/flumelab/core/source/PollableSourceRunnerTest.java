package io.flumelab.core.source;

import static io.flumelab.core.testing.SourceTesting.processorInto;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.PollableSource;
import io.flumelab.core.testing.LogCapture;
import io.flumelab.core.testing.SourceHarness;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PollableSourceRunnerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  final SourceHarness harness = new SourceHarness();

  @Test
  void aSourceThatFailsIsCalledAgainWithAnError() {
    Polled source = new Polled(false);
    source.setChannelProcessor(processorInto(harness.startChannel(10)));
    SourceRunner runner = SourceRunner.forSource(source);
    try (LogCapture log = LogCapture.attach(PollableSourceRunner.class, Level.DEBUG)) {
      runner.start();
      await().atMost(WAIT).until(() -> source.calls.get() >= 2);
      runner.stop();

      assertThat(log.lines()).first().asString()
          .startsWith("ERROR Source r1 failed; calling it again in");
    }
  }

  /** A client library interrupted by the stop throws its own exception, not InterruptedException. */
  @Test
  void anExceptionThrownBecauseOfTheStopIsNoFailure() throws InterruptedException {
    Polled source = new Polled(true);
    source.setChannelProcessor(processorInto(harness.startChannel(10)));
    SourceRunner runner = SourceRunner.forSource(source);
    try (LogCapture log = LogCapture.attach(PollableSourceRunner.class, Level.DEBUG)) {
      runner.start();
      source.polling.await();
      runner.stop();

      assertThat(source.calls).hasValue(1);
      assertThat(log.lines()).noneMatch(line -> line.startsWith("ERROR"))
          .anyMatch(line -> line.startsWith("DEBUG Source r1 ended by the stop"));
    }
  }

  /** Either fails at once, or blocks until interrupted and then fails as Kafka's consumer does. */
  private static final class Polled extends AbstractSource implements PollableSource {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch polling = new CountDownLatch(1);
    private final boolean blocks;

    Polled(boolean blocks) {
      this.blocks = blocks;
      setName("r1");
    }

    @Override
    public Status process() {
      calls.incrementAndGet();
      if (blocks) {
        polling.countDown();
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          throw new IllegalStateException("interrupted while polling", e);
        }
      }
      throw new IllegalStateException("the source's input is broken");
    }

    @Override
    public long getBackOffSleepIncrement() {
      return 10;
    }

    @Override
    public long getMaxBackOffSleepInterval() {
      return 10;
    }
  }
}
