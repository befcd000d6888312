package io.flumelab.flume;

import io.flumelab.api.Context;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.testing.SourceTesting;
import io.flumelab.core.testing.TestData;
import java.util.ArrayList;
import java.util.List;

/** What the adapter tests share: Flume classes created as the agent creates them, our channels. */
final class Wiring {

  static final FlumeApi API = new FlumeApi();

  private Wiring() {}

  /** {@code type} created through the Flume API as {@code kind}, then named and configured. */
  @SuppressWarnings("unchecked")
  static <T> T create(ComponentKind kind, Class<?> type, String name, String... settings) {
    try {
      Object component = API.create(kind, type);
      if (component instanceof io.flumelab.api.NamedComponent named) {
        named.setName(name);
      }
      if (component instanceof io.flumelab.api.Configurable configurable) {
        configurable.configure(new Context(TestData.settings(settings)));
      }
      return (T) component;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A started memory channel; with no keep-alive a full channel refuses at once. {@code settings}
   * (key, value...) override capacity 100.
   */
  static MemoryChannel channel(String name, String... settings) {
    List<String> all = new ArrayList<>(List.of("capacity", "100", "transactionCapacity", "100",
        "keep-alive", "0"));
    all.addAll(List.of(settings));
    MemoryChannel channel = new MemoryChannel();
    channel.setName(name);
    channel.configure(new Context(TestData.settings(all.toArray(new String[0]))));
    channel.start();
    return channel;
  }

  /** Puts the bodies in one committed transaction. */
  static void put(io.flumelab.api.Channel channel, String... bodies) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (String body : bodies) {
      channel.put(TestData.event(body));
    }
    tx.commit();
    tx.close();
  }

  /** Takes everything the channel holds, in committed transactions, and returns the bodies. */
  static List<String> drain(MemoryChannel channel) {
    return TestData.bodies(SourceTesting.takeAvailable(channel));
  }
}
