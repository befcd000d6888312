package io.flumelab.core.spi;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The threads waiting for a channel to hold committed events, for a channel that keeps its queue
 * under one {@link ReentrantLock}: a sink runner in {@link WaitableChannel#awaitEvents}, and a take
 * that waits. The channel calls {@link #signal()}, holding the lock, whenever events become
 * takeable (a commit with puts, a rollback or commit that returns taken events to the head).
 *
 * <p>{@code hasEvents} must be readable without the lock (a volatile count, say), so that waiting
 * on a channel that holds events costs no lock, and exact under it.
 */
public final class EventWaiters {

  private final ReentrantLock lock;
  private final Condition available;
  private final BooleanSupplier hasEvents;
  // guarded by lock: signalling only when someone waits keeps commits cheap
  private int waiting;

  public EventWaiters(ReentrantLock lock, BooleanSupplier hasEvents) {
    this.lock = lock;
    this.available = lock.newCondition();
    this.hasEvents = hasEvents;
  }

  /** Waits, taking the lock, until events are there or the timeout passes; true if they are. */
  public boolean await(long timeoutMillis) throws InterruptedException {
    if (hasEvents.getAsBoolean()) {
      return true;
    }
    if (timeoutMillis <= 0) {
      return false;
    }
    lock.lockInterruptibly();
    try {
      return awaitHoldingLock(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits with the lock held (released while waiting, held again on return) until events are
   * there or {@code nanos} pass; true if they are. The caller can take them before letting go of
   * the lock, so no other taker gets between.
   */
  public boolean awaitHoldingLock(long nanos) throws InterruptedException {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("awaitHoldingLock() needs the channel's lock held");
    }
    long left = nanos;
    while (!hasEvents.getAsBoolean()) {
      if (left <= 0) {
        return false;
      }
      waiting++;
      try {
        left = available.awaitNanos(left);
      } finally {
        waiting--;
      }
    }
    return true;
  }

  /** Wakes the waiters; call holding the lock, after events became takeable. */
  public void signal() {
    if (waiting > 0) {
      available.signalAll();
    }
  }
}
