package io.flumelab.harness;

import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Source;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real memory channel for testing a student's own source or sink without an agent: connect a
 * source to it and read what one {@code process()} call put; or put events for a sink and see
 * what it took. Lab tests see only the plugin API and this class, not the runtime's internals.
 */
public final class TestChannel {

  private final MemoryChannel channel = new MemoryChannel();

  private TestChannel(int capacity, int transactionCapacity) {
    channel.setName("c1");
    channel.configure(new Context(Map.of("capacity", String.valueOf(capacity),
        "transactionCapacity", String.valueOf(transactionCapacity))));
    channel.start();
  }

  /** A started memory channel named c1. */
  public static TestChannel memory(int capacity, int transactionCapacity) {
    return new TestChannel(capacity, transactionCapacity);
  }

  /** The channel, for {@code sink.setChannel(...)}. */
  public Channel channel() {
    return channel;
  }

  /** Gives the source a channel processor that writes into this channel, as an agent would. */
  public void feedFrom(Source source) {
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    selector.configure(new Context(Map.of()));
    source.setChannelProcessor(new DefaultChannelProcessor(selector, List.of()));
  }

  /** Puts one event with this UTF-8 body, committed. */
  public void put(String body) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      channel.put(EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)));
      tx.commit();
    } finally {
      tx.close();
    }
  }

  /** Takes every event in the channel in one transaction and returns their bodies as text. */
  public List<String> takeAll() {
    List<String> bodies = new ArrayList<>();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      for (Event event = channel.takeWithoutWaiting(); event != null;
          event = channel.takeWithoutWaiting()) {
        bodies.add(new String(event.getBody(), StandardCharsets.UTF_8));
      }
      tx.commit();
    } finally {
      tx.close();
    }
    return bodies;
  }

  /** Events committed and not yet taken. */
  public int size() {
    return channel.size();
  }
}
