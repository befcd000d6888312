package io.flumelab.api;

/**
 * A source the runtime calls in a loop on a thread of its own. When {@link #process()} returns
 * {@link Status#BACKOFF} or throws, the runner sleeps for a growing interval: one more
 * {@link #getBackOffSleepIncrement()} after each consecutive backoff, at most
 * {@link #getMaxBackOffSleepInterval()}. A value of 0 or less means the runtime's defaults
 * (1000 ms and 5000 ms), so a source returning 0 does not spin.
 */
public interface PollableSource extends Source {

  Status process() throws EventDeliveryException;

  long getBackOffSleepIncrement();

  long getMaxBackOffSleepInterval();

  enum Status {
    /** Events were produced; call again at once. */
    READY,
    /** Nothing to do or a transient failure; call again after a pause. */
    BACKOFF
  }
}
