package io.flumelab.core.spi;

import io.flumelab.api.Channel;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;

/**
 * A channel whose public {@link Channel#take()} may wait for an event (Flume's memory channel waits
 * up to {@code keep-alive}, which custom sinks written for Flume rely on), and which also offers a
 * take that never waits. The built-in sinks take through it: they already wait between batches
 * through {@link WaitableChannel}, so a take that waits would only add latency at the end of each
 * batch. A channel whose {@code take()} never waits need not implement it.
 */
public interface NonWaitingTake {

  /**
   * As {@link Channel#take()}, in the calling thread's open transaction, but returns null at once
   * when no committed event is there.
   */
  Event takeWithoutWaiting() throws ChannelException;

  /** One event without waiting: through {@link #takeWithoutWaiting()} when the channel has it. */
  static Event takeFrom(Channel channel) throws ChannelException {
    return channel instanceof NonWaitingTake nonWaiting
        ? nonWaiting.takeWithoutWaiting() : channel.take();
  }
}
