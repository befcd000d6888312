package io.flumelab.core.sink;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.spi.NonWaitingTake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A sink of the sink group and runner tests: really takes up to 10 events from its channel per
 * call and records them, or, while its downstream is "down" or for a set number of batches, takes
 * them and fails, rolling back as a real sink does. Public with a no-argument constructor so an
 * agent config can name it.
 */
public class SwitchableSink extends AbstractSink {

  static final int BATCH = 10;

  final List<String> delivered = new CopyOnWriteArrayList<>();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger failures = new AtomicInteger();
  final AtomicInteger batches = new AtomicInteger();
  /** Batches of at least one event still to fail, whether or not the sink is down. */
  final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile boolean down;

  static SwitchableSink named(String name, Channel channel) {
    SwitchableSink sink = new SwitchableSink();
    sink.setName(name);
    sink.setChannel(channel);
    return sink;
  }

  void down() {
    down = true;
  }

  void up() {
    down = false;
  }

  @Override
  public Status process() throws EventDeliveryException {
    calls.incrementAndGet();
    Channel channel = getChannel();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      List<String> taken = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        Event event = NonWaitingTake.takeFrom(channel);
        if (event == null) {
          break;
        }
        taken.add(new String(event.getBody(), StandardCharsets.UTF_8));
      }
      if (down || (!taken.isEmpty() && failuresLeft.getAndDecrement() > 0)) {
        throw new EventDeliveryException("sink " + getName() + ": downstream is down");
      }
      tx.commit();
      delivered.addAll(taken);
      if (taken.isEmpty()) {
        return Status.BACKOFF;
      }
      batches.incrementAndGet();
      return Status.READY;
    } catch (EventDeliveryException | RuntimeException e) {
      failures.incrementAndGet();
      tx.rollback();
      throw e instanceof EventDeliveryException d ? d : new EventDeliveryException(e);
    } finally {
      tx.close();
    }
  }

  /** A started memory channel of the given capacity, transactionCapacity 100. */
  static MemoryChannel channel(int capacity) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName("c1");
    channel.configure(new Context(Map.of("capacity", String.valueOf(capacity), "transactionCapacity", "100")));
    channel.start();
    return channel;
  }

  /** Puts the bodies in committed transactions of at most 100 events. */
  static void put(Channel channel, List<String> bodies) {
    for (int from = 0; from < bodies.size(); from += 100) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      bodies.subList(from, Math.min(from + 100, bodies.size()))
          .forEach(body -> channel.put(EventBuilder.withBody(body, StandardCharsets.UTF_8)));
      tx.commit();
      tx.close();
    }
  }

  static List<String> range(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
  }

  @SafeVarargs
  static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
