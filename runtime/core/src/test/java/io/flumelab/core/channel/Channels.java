package io.flumelab.core.channel;

import static io.flumelab.core.testing.TestData.body;
import static io.flumelab.core.testing.TestData.event;
import static io.flumelab.core.testing.TestData.settings;

import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.NonWaitingTake;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the channel tests. */
final class Channels {

  private Channels() {}

  /** A configured, started memory channel; {@code settings} are key, value, key, value... */
  static MemoryChannel memory(String name, String... settings) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName(name);
    channel.configure(new Context(settings(settings)));
    channel.start();
    return channel;
  }

  /** Puts the bodies in one committed transaction; rolls it back and rethrows on failure. */
  static void putCommitted(Channel channel, String... bodies) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      for (String body : bodies) {
        channel.put(event(body));
      }
      tx.commit();
    } catch (RuntimeException e) {
      tx.rollback();
      throw e;
    } finally {
      tx.close();
    }
  }

  /** Takes every event, in committed transactions of at most 10 events, and returns the bodies. */
  static List<String> drain(Channel channel) {
    List<String> bodies = new ArrayList<>();
    int perTransaction = channel instanceof MemoryChannel memory
        ? (int) Math.min(10, memory.getTransactionCapacity()) : 10;
    boolean empty = false;
    while (!empty) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (int i = 0; i < perTransaction; i++) {
        Event event = NonWaitingTake.takeFrom(channel);
        if (event == null) {
          empty = true;
          break;
        }
        bodies.add(body(event));
      }
      tx.commit();
      tx.close();
    }
    return bodies;
  }
}
