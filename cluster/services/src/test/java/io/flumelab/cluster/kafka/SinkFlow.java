package io.flumelab.cluster.kafka;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.sink.DefaultSinkProcessor;
import io.flumelab.core.sink.SinkRunner;
import io.flumelab.kafka.KafkaSink;
import java.util.List;
import java.util.Map;

/**
 * A memory channel drained by a Kafka sink on the runtime's own sink runner (with its backoff),
 * in the test's JVM: what an agent does between its channel and Kafka, with the channel in reach.
 */
final class SinkFlow implements AutoCloseable {

  final MemoryChannel channel = new MemoryChannel();
  final KafkaSink sink = new KafkaSink();
  private final SinkRunner runner;

  SinkFlow(Map<String, String> sinkSettings) {
    channel.setName("c1");
    channel.configure(new Context(Map.of("capacity", "100000", "transactionCapacity", "1000")));
    sink.setName("k1");
    sink.configure(new Context(sinkSettings));
    sink.setChannel(channel);
    DefaultSinkProcessor processor = new DefaultSinkProcessor();
    processor.setSinks(List.of(sink));
    runner = new SinkRunner("k1", processor);
    channel.start();
  }

  SinkFlow start() {
    runner.start();
    return this;
  }

  void put(List<Event> events) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    events.forEach(channel::put);
    tx.commit();
    tx.close();
  }

  long delivered() {
    return sink.getCounter().getEventDrainSuccessCount();
  }

  @Override
  public void close() {
    runner.stop();
    channel.stop();
  }
}
