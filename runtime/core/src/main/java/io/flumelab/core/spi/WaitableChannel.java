package io.flumelab.core.spi;

/**
 * A channel that can wake a waiting sink when events are committed, so an idle sink reacts at once
 * instead of polling on a backoff timer.
 */
public interface WaitableChannel {

  /**
   * Waits until the channel holds at least one committed event, or the timeout passes.
   *
   * @return true if events are available
   */
  boolean awaitEvents(long timeoutMillis) throws InterruptedException;
}
