package io.flumelab.api;

/**
 * A channel that keeps its events only while it runs (in memory): what it still holds when the
 * agent stops is lost. The agent asks such a channel, once its sinks have stopped draining, to
 * discard what remains and say how many events that was, so the loss is logged, counted and shown
 * in the exit status instead of passing silently. A channel that keeps its events across a restart
 * (Flume's {@code file} channel) does not implement it.
 */
public interface VolatileChannel {

  /**
   * Drops every committed event the channel still holds, including events taken by a transaction
   * that has not committed, and counts them in the channel's counters. Called after the sinks have
   * stopped, before the channel stops.
   *
   * @return how many committed events were dropped; 0 if the channel was empty
   */
  long discardRemainingEvents();
}
