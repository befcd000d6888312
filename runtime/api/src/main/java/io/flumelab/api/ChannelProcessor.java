package io.flumelab.api;

import java.util.List;

/**
 * What a source writes through: it runs the interceptor chain, asks the channel selector for the
 * channels, and puts the events in one transaction per channel. When this returns, the events are
 * committed to every required channel.
 */
public interface ChannelProcessor {

  /** @throws ChannelException if a required channel refused the event; nothing was committed to it */
  void processEvent(Event event);

  /** @throws ChannelException if a required channel refused the batch; nothing was committed to it */
  void processEventBatch(List<Event> events);

  /** Every channel the processor may write to (its selector's), so a source can fit its batch. */
  default List<Channel> getAllChannels() {
    return List.of();
  }

  /** Called before the source produces its first event: interceptors are set up here. */
  default void initialize() {}

  /** Called after the source stopped: interceptors are closed here. */
  default void close() {}
}
