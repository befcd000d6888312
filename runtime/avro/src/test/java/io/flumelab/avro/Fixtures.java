package io.flumelab.avro;

import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.spi.NonWaitingTake;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Real channels, sources and sinks for the tests; each test stops what it started. */
final class Fixtures implements AutoCloseable {

  private final List<Runnable> stops = new ArrayList<>();

  MemoryChannel channel(String name, int capacity) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName(name);
    channel.configure(new Context(Map.of("capacity", String.valueOf(capacity),
        "transactionCapacity", String.valueOf(Math.min(capacity, 1000)), "keep-alive", "0")));
    channel.start();
    stops.add(channel::stop);
    return channel;
  }

  AvroSource source(Channel channel, String... settings) {
    AvroSource source = new AvroSource();
    source.setName("r1");
    source.configure(context(Map.of("bind", "127.0.0.1", "port", "0"), settings));
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    selector.configure(new Context());
    source.setChannelProcessor(new DefaultChannelProcessor(selector, List.of()));
    source.start();
    stops.add(source::stop);
    return source;
  }

  AvroSink sink(Channel channel, int port, String... settings) {
    AvroSink sink = new AvroSink();
    sink.setName("k1");
    sink.configure(context(Map.of("hostname", "127.0.0.1", "port", String.valueOf(port)),
        settings));
    sink.setChannel(channel);
    sink.start();
    stops.add(sink::stop);
    return sink;
  }

  static Context context(Map<String, String> defaults, String... settings) {
    Map<String, String> config = new HashMap<>(defaults);
    for (int i = 0; i < settings.length; i += 2) {
      config.put(settings[i], settings[i + 1]);
    }
    return new Context(config);
  }

  static void put(Channel channel, List<Event> events) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    events.forEach(channel::put);
    tx.commit();
    tx.close();
  }

  static List<Event> take(Channel channel, int max) {
    List<Event> events = new ArrayList<>();
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (Event e = null; events.size() < max && (e = NonWaitingTake.takeFrom(channel)) != null; ) {
      events.add(e);
    }
    tx.commit();
    tx.close();
    return events;
  }

  @Override
  public void close() {
    for (int i = stops.size() - 1; i >= 0; i--) {
      stops.get(i).run();
    }
  }
}
