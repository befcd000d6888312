package io.flumelab.cluster.kafka.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.Channel;
import org.apache.flume.ChannelSelector;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.channel.kafka.KafkaChannel;
import org.apache.flume.conf.Configurables;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.sink.kafka.KafkaSink;
import org.apache.flume.source.PollableSourceRunner;
import org.apache.flume.source.kafka.KafkaSource;

/**
 * Apache Flume 1.11's own Kafka sink and source, driven in this JVM through Flume's API as Flume's
 * agent drives them: configured from a {@link Context}, started, fed by or feeding Flume's
 * {@link MemoryChannel} in Flume's transactions.
 */
final class FlumeKafka {

  private FlumeKafka() {}

  /**
   * Flume's memory channel. keep-alive 0: a take from an empty channel returns at once instead of
   * waiting 3 s, so draining ends when the channel is empty, not on a timer.
   */
  private static MemoryChannel channel(String name) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName(name);
    Configurables.configure(channel, new Context(Map.of("capacity", "10000",
        "transactionCapacity", "1000", "keep-alive", "0")));
    channel.start();
    return channel;
  }

  /** Flume's kafka sink draining Flume's memory channel. */
  static final class SinkFlow implements AutoCloseable {
    private final MemoryChannel channel;
    private final KafkaSink sink = new KafkaSink();

    SinkFlow(String name, Map<String, String> settings) {
      channel = channel(name + "-channel");
      sink.setName(name);
      sink.setChannel(channel);
      Configurables.configure(sink, new Context(settings));
      sink.start();
    }

    void put(List<Message> messages) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      messages.forEach(m -> channel.put(EventBuilder.withBody(m.bodyBytes(), m.headers())));
      tx.commit();
      tx.close();
    }

    /**
     * Runs the sink until it finds the channel empty, as Flume's sink runner would, but in this
     * thread: Flume's sink commits a batch only after Kafka acknowledged all of it, so when this
     * returns every event is in Kafka, and a failed batch is thrown here instead of retried.
     */
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

  /** Flume's kafka source on Flume's pollable source runner, writing into Flume's channel. */
  static final class SourceFlow implements AutoCloseable {
    private final MemoryChannel channel;
    private final PollableSourceRunner runner = new PollableSourceRunner();

    SourceFlow(String name, Map<String, String> settings) {
      channel = channel(name + "-channel");
      KafkaSource source = new KafkaSource();
      source.setName(name);
      Configurables.configure(source, new Context(settings));
      ChannelSelector selector = new ReplicatingChannelSelector();
      selector.setChannels(List.<Channel>of(channel));
      source.setChannelProcessor(new ChannelProcessor(selector));
      runner.setSource(source);
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

  /** Flume's kafka channel, put into and taken from in Flume's transactions. */
  static final class ChannelFlow implements AutoCloseable {
    private final KafkaChannel channel = new KafkaChannel();

    ChannelFlow(String name, Map<String, String> settings) {
      channel.setName(name);
      Configurables.configure(channel, new Context(settings));
      channel.start();
    }

    /** Puts the messages in transactions of 100; each commit returns once Kafka has them. */
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

    /** Takes what one transaction of up to 100 finds, and commits it. */
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
