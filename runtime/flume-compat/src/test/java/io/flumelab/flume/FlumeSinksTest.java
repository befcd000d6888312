package io.flumelab.flume;

import static io.flumelab.flume.Wiring.channel;
import static io.flumelab.flume.Wiring.create;
import static io.flumelab.flume.Wiring.drain;
import static io.flumelab.flume.Wiring.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.testing.LogCapture;
import io.flumelab.flume.fixtures.MySink2;
import io.flumelab.flume.fixtures.RollbackOnceSink;
import org.apache.flume.Channel;
import org.apache.flume.ChannelException;
import org.apache.flume.ChannelFullException;
import org.apache.flume.Transaction;
import org.apache.flume.sink.LoggerSink;
import org.apache.flume.sink.NullSink;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class FlumeSinksTest {

  @Test
  void flumesOwnNullSinkDrainsOurChannelInItsBatches() throws Exception {
    MemoryChannel channel = channel("c1");
    put(channel, "a", "b", "c", "d", "e");
    Sink sink = create(ComponentKind.SINK, NullSink.class, "k-null", "batchSize", "2");
    sink.setChannel(channel);
    sink.start();

    assertThat(sink).isInstanceOf(BatchSizeSupported.class);
    assertThat(((BatchSizeSupported) sink).getBatchSize()).isEqualTo(2);
    assertThat(sink.getChannel()).isSameAs(channel);
    assertThat(sink.process()).isEqualTo(Sink.Status.READY);
    assertThat(channel.size()).isEqualTo(3);
    while (channel.size() > 0) {
      sink.process();
    }
    assertThat(sink.process()).isEqualTo(Sink.Status.BACKOFF);
    sink.stop();
    assertThat(sink.getLifecycleState()).isEqualTo(LifecycleState.STOP);
  }

  @Test
  void flumesOwnLoggerSinkLogsWhatItTakes() throws Exception {
    MemoryChannel channel = channel("c1");
    put(channel, "hello flume");
    Sink sink = create(ComponentKind.SINK, LoggerSink.class, "k-logger");
    sink.setChannel(channel);
    sink.start();

    try (LogCapture log = LogCapture.attach(LoggerSink.class, Level.INFO)) {
      assertThat(sink.process()).isEqualTo(Sink.Status.READY);
      assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("hello flume"));
    }
    assertThat(channel.size()).isZero();
    sink.stop();
  }

  /** A rolled-back take returns the events to the head of our channel, in order. */
  @Test
  void aFlumeSinksRollbackReturnsTheEventsToOurChannel() throws Exception {
    MemoryChannel channel = channel("c1");
    put(channel, "1", "2", "3", "4");
    Sink sink = create(ComponentKind.SINK, RollbackOnceSink.class, "k-rollback");
    sink.setChannel(channel);
    sink.start();

    assertThatThrownBy(sink::process)
        .isInstanceOf(EventDeliveryException.class)
        .hasMessage("the store is down")
        .hasCauseInstanceOf(org.apache.flume.EventDeliveryException.class);
    assertThat(channel.size()).isEqualTo(4);
    sink.process();
    sink.process();

    RollbackOnceSink flume = (RollbackOnceSink) ((FlumeSinkAdapter) sink).flume();
    assertThat(flume.rolledBack).containsExactly("1", "2", "3");
    assertThat(flume.delivered).containsExactly("1", "2", "3", "4");
    assertThat(channel.size()).isZero();
  }

  @Test
  void theNotesSinkTakesInItsOwnTransaction() throws Exception {
    MemoryChannel channel = channel("c1");
    put(channel, "x", "y");
    Sink sink = create(ComponentKind.SINK, MySink2.class, "k-notes", "suffix", ":bigdata");
    sink.setChannel(channel);
    sink.start();
    MySink2.WRITTEN.clear();

    sink.process();
    sink.process();

    assertThat(MySink2.WRITTEN).containsExactly(":bigdatax", ":bigdatay");
    assertThat(channel.size()).isZero();
  }

  @Test
  void theChannelViewGivesOneTransactionViewPerThreadAndTransaction() throws Exception {
    ChannelView view = new ChannelView(channel("c1"));
    Transaction first = view.getTransaction();
    first.begin();
    view.put(org.apache.flume.event.EventBuilder.withBody("a".getBytes()));
    first.commit();
    first.close();

    assertThat(view.getTransaction()).isSameAs(first); // our channel renews the thread's transaction
    Transaction[] other = new Transaction[1];
    Thread thread = new Thread(() -> other[0] = view.getTransaction());
    thread.start();
    thread.join();
    assertThat(other[0]).isNotNull().isNotSameAs(first);
    assertThat(view.getName()).isEqualTo("c1");
    assertThat(view).isEqualTo(new ChannelView(view.ours())).hasSameHashCodeAs(new ChannelView(view.ours()));
  }

  @Test
  void ourChannelsRefusalsReachFlumeCodeAsFlumesExceptions() {
    MemoryChannel ours = channel("c1", "capacity", "1", "transactionCapacity", "1");
    Channel view = new ChannelView(ours);

    assertThatThrownBy(() -> view.put(org.apache.flume.event.EventBuilder.withBody(new byte[0])))
        .as("a put outside a transaction").isInstanceOf(ChannelException.class);

    put(ours, "a");
    Transaction tx = view.getTransaction();
    tx.begin();
    view.put(org.apache.flume.event.EventBuilder.withBody("b".getBytes()));
    assertThatThrownBy(tx::commit).isInstanceOf(ChannelFullException.class)
        .hasCauseInstanceOf(io.flumelab.api.ChannelFullException.class);
    tx.rollback();
    tx.close();
    assertThat(drain(ours)).containsExactly("a");
  }
}
