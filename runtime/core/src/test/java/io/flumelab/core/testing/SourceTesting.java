package io.flumelab.core.testing;

import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.spi.NonWaitingTake;
import io.flumelab.core.testing.TestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the source tests share: a source writes through the processor the agent would give it into
 * a real memory channel, and the test takes what arrived the way a sink would.
 */
public final class SourceTesting {

  private SourceTesting() {}

  /** A context of {@code defaults}, overridden by {@code keyValues} (key, value, key, value...). */
  public static Context context(Map<String, String> defaults, String... keyValues) {
    Map<String, String> settings = new HashMap<>(defaults);
    settings.putAll(TestData.settings(keyValues));
    return new Context(settings);
  }

  /** A memory channel named c1, configured with {@code settings} and started. */
  public static MemoryChannel memoryChannel(Map<String, String> settings) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName("c1");
    channel.configure(new Context(settings));
    channel.start();
    return channel;
  }

  /**
   * A memory channel holding {@code capacity} events, all of which one transaction may take; with
   * no keep-alive, a full channel refuses at once instead of waiting for room.
   */
  public static MemoryChannel memoryChannel(int capacity) {
    return memoryChannel(Map.of("capacity", String.valueOf(capacity),
        "transactionCapacity", String.valueOf(capacity), "keep-alive", "0"));
  }

  /** The processor the agent gives a source of one channel: replicating, with no interceptors. */
  public static DefaultChannelProcessor processorInto(Channel channel) {
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    selector.configure(new Context());
    DefaultChannelProcessor processor = new DefaultChannelProcessor(selector, List.of());
    processor.initialize();
    return processor;
  }

  /**
   * Takes every event the channel holds, in committed transactions no larger than the channel
   * allows, as a sink would.
   */
  public static List<Event> takeAvailable(MemoryChannel channel) {
    List<Event> events = new ArrayList<>();
    boolean empty = false;
    while (!empty) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      try {
        for (long i = 0; i < channel.getTransactionCapacity(); i++) {
          Event event = NonWaitingTake.takeFrom(channel);
          if (event == null) {
            empty = true;
            break;
          }
          events.add(event);
        }
        tx.commit();
      } finally {
        tx.close();
      }
    }
    return events;
  }
}
