package io.flumelab.cluster.kafka.interop;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Sink;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.source.SourceRunner;
import io.flumelab.kafka.KafkaChannel;
import io.flumelab.kafka.KafkaSink;
import io.flumelab.kafka.KafkaSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FlumeLab's Kafka sink and source, driven the same way as {@link FlumeKafka} drives Flume's, so
 * that the two directions of the interop tests differ only in whose component is at each end.
 */
final class OurKafka {

  private OurKafka() {}

  private static MemoryChannel channel(String name) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName(name);
    channel.configure(new Context(Map.of("capacity", "10000", "transactionCapacity", "1000")));
    channel.start();
    return channel;
  }

  /** Our kafka sink draining our memory channel. */
  static final class SinkFlow implements AutoCloseable {
    private final MemoryChannel channel;
    private final KafkaSink sink = new KafkaSink();

    SinkFlow(String name, Map<String, String> settings) {
      channel = channel(name + "-channel");
      sink.setName(name);
      sink.configure(new Context(settings));
      sink.setChannel(channel);
      sink.start();
    }

    void put(List<Message> messages) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      messages.forEach(m -> channel.put(EventBuilder.withBody(m.bodyBytes(), m.headers())));
      tx.commit();
      tx.close();
    }

    /** As {@link FlumeKafka.SinkFlow#drain()}: every event in Kafka when it returns. */
    void drain() throws EventDeliveryException {
      while (sink.process() == Sink.Status.READY) {
        // one batch of flumeBatchSize per call
      }
    }

    @Override
    public void close() {
      sink.stop();
      channel.stop();
    }
  }

  /** Our kafka source on our source runner, writing into our channel. */
  static final class SourceFlow implements AutoCloseable {
    private final MemoryChannel channel;
    private final SourceRunner runner;

    SourceFlow(String name, Map<String, String> settings) {
      channel = channel(name + "-channel");
      KafkaSource source = new KafkaSource();
      source.setName(name);
      source.configure(new Context(settings));
      ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
      selector.setChannels(List.of(channel));
      selector.configure(new Context(Map.of()));
      source.setChannelProcessor(new DefaultChannelProcessor(selector, List.of()));
      runner = SourceRunner.forSource(source);
      runner.start();
    }

    /** Takes what the channel holds now, in committed transactions. */
    List<Message> drain() {
      List<Message> messages = new ArrayList<>();
      int taken;
      do {
        taken = 0;
        Transaction tx = channel.getTransaction();
        tx.begin();
        for (Event e = channel.take(); e != null; e = taken < 1000 ? channel.take() : null) {
          messages.add(Message.of(e.getHeaders(), e.getBody()));
          taken++;
        }
        tx.commit();
        tx.close();
      } while (taken == 1000);
      return messages;
    }

    @Override
    public void close() {
      runner.stop();
      channel.stop();
    }
  }

  /** Our kafka channel, put into and taken from as {@link FlumeKafka.ChannelFlow} does Flume's. */
  static final class ChannelFlow implements AutoCloseable {
    private final KafkaChannel channel = new KafkaChannel();

    ChannelFlow(String name, Map<String, String> settings) {
      channel.setName(name);
      channel.configure(new Context(settings));
      channel.start();
    }

    void put(List<Message> messages) {
      for (int from = 0; from < messages.size(); from += 100) {
        Transaction tx = channel.getTransaction();
        tx.begin();
        messages.subList(from, Math.min(from + 100, messages.size()))
            .forEach(m -> channel.put(EventBuilder.withBody(m.bodyBytes(), m.headers())));
        tx.commit();
        tx.close();
      }
    }

    List<Message> take() {
      List<Message> messages = new ArrayList<>();
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (Event e = channel.take(); e != null; e = messages.size() < 100 ? channel.take() : null) {
        messages.add(Message.of(e.getHeaders(), e.getBody()));
      }
      tx.commit();
      tx.close();
      return messages;
    }

    @Override
    public void close() {
      channel.stop();
    }
  }
}
