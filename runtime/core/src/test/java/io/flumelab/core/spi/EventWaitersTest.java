package io.flumelab.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class EventWaitersTest {

  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean hasEvents = new AtomicBoolean();
  private final EventWaiters waiters = new EventWaiters(lock, hasEvents::get);

  @Test
  void answersAtOnceWhenEventsAreThereOrTheTimeoutIsZero() throws InterruptedException {
    assertThat(waiters.await(0)).isFalse();
    hasEvents.set(true);
    assertThat(waiters.await(0)).isTrue();
    assertThat(waiters.await(60_000)).isTrue();
  }

  @Test
  void givesUpAfterTheTimeout() throws InterruptedException {
    long start = System.nanoTime();
    assertThat(waiters.await(200)).isFalse();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(190);
  }

  @Test
  void aSignalWakesAWaiter() throws InterruptedException {
    AtomicReference<Boolean> woken = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        woken.set(waiters.await(60_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    waiter.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

    lock.lock();
    try {
      hasEvents.set(true);
      waiters.signal();
    } finally {
      lock.unlock();
    }

    waiter.join(TimeUnit.SECONDS.toMillis(5));
    assertThat(woken.get()).isTrue();
  }

  @Test
  void awaitHoldingLockNeedsTheLock() {
    assertThatThrownBy(() -> waiters.awaitHoldingLock(1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("lock held");
  }
}
