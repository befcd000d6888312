package io.flumelab.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.FlumeException;
import io.flumelab.api.LifecycleAware;
import io.flumelab.api.LifecycleState;
import io.flumelab.core.spi.AgentKeys;
import io.flumelab.core.testing.LogCapture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {

  private final Supervisor supervisor = new Supervisor("a1", 20, 10, 50);

  @AfterEach
  void close() {
    supervisor.close();
  }

  @Test
  void startsAComponentAtOnce() {
    Flaky component = new Flaky(0);

    assertThat(supervisor.supervise("c", component)).isTrue();

    assertThat(component.getLifecycleState()).isEqualTo(LifecycleState.START);
  }

  @Test
  void retriesAFailedStartWithBackoffUntilItSucceeds() {
    Flaky component = new Flaky(3);

    assertThat(supervisor.supervise("c", component)).isFalse();

    await().atMost(Duration.ofSeconds(5))
        .until(() -> component.getLifecycleState() == LifecycleState.START);
    assertThat(component.starts.get()).isEqualTo(4);
  }

  @Test
  void restartsAComponentThatReportsAnError() {
    Flaky component = new Flaky(0);
    supervisor.supervise("c", component);

    component.state = LifecycleState.ERROR;

    await().atMost(Duration.ofSeconds(5)).until(() -> component.starts.get() == 2);
    assertThat(component.stops.get()).isEqualTo(1);
    assertThat(component.getLifecycleState()).isEqualTo(LifecycleState.START);
  }

  @Test
  void anUnsupervisedComponentIsNoLongerRestarted() {
    Flaky component = new Flaky(Integer.MAX_VALUE);
    supervisor.supervise("c", component);

    supervisor.unsupervise("c");
    int attempts = component.starts.get();

    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> component.starts.get() == attempts);
  }

  @Test
  void aFailedStartNamesItsKeyWithTheAgentsName() {
    try (LogCapture log = LogCapture.attach(Supervisor.class, Level.ERROR)) {
      supervisor.supervise("Source r1", new Flaky(1));

      assertThat(log.lines()).singleElement().asString()
          .contains("port in use (attempt 1) (a1.sources.r1.port)")
          .doesNotContain("<agent>");
    }
  }

  /** Fails its first {@code failures} starts. */
  private static final class Flaky implements LifecycleAware {
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    final int failures;
    volatile LifecycleState state = LifecycleState.IDLE;

    Flaky(int failures) {
      this.failures = failures;
    }

    @Override
    public void start() {
      if (starts.incrementAndGet() <= failures) {
        throw new FlumeException("port in use (attempt " + starts.get() + ") ("
            + AgentKeys.PREFIX + "sources.r1.port)");
      }
      state = LifecycleState.START;
    }

    @Override
    public void stop() {
      stops.incrementAndGet();
      state = LifecycleState.STOP;
    }

    @Override
    public LifecycleState getLifecycleState() {
      return state;
    }
  }
}
