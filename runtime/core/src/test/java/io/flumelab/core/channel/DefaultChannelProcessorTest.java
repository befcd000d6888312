package io.flumelab.core.channel;

import static io.flumelab.core.channel.Channels.drain;
import static io.flumelab.core.channel.Channels.memory;
import static io.flumelab.core.channel.Channels.putCommitted;
import static io.flumelab.core.testing.TestData.body;
import static io.flumelab.core.testing.TestData.event;
import static io.flumelab.core.testing.TestData.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.Channel;
import io.flumelab.api.ChannelException;
import io.flumelab.api.ChannelFullException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.BasicChannelSemantics;
import io.flumelab.core.spi.BasicTransactionSemantics;
import io.flumelab.core.spi.NonWaitingTake;
import io.flumelab.core.testing.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultChannelProcessorTest {

  private static DefaultChannelProcessor replicating(List<Channel> channels, String optional,
      Interceptor... interceptors) {
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(channels);
    selector.configure(new Context(optional == null ? Map.of() : Map.of("optional", optional)));
    return new DefaultChannelProcessor(selector, List.of(interceptors));
  }

  @Test
  void replicatesEventsAndBatchesToEveryChannel() {
    MemoryChannel c1 = memory("c1");
    MemoryChannel c2 = memory("c2");
    DefaultChannelProcessor processor = replicating(List.of(c1, c2), null);

    processor.processEvent(event("a"));
    processor.processEventBatch(events("b", "c", "d"));

    assertThat(drain(c1)).containsExactly("a", "b", "c", "d");
    assertThat(drain(c2)).containsExactly("a", "b", "c", "d");
    assertThat(processor.getOptionalChannelFailureCount()).isZero();
  }

  @Test
  void aFullOptionalChannelDoesNotFailTheWrite() {
    MemoryChannel required = memory("c1");
    MemoryChannel optional = memory("c2", "capacity", "2", "transactionCapacity", "2",
        "keep-alive", "0");
    putCommitted(optional, "x", "y");
    DefaultChannelProcessor processor = replicating(List.of(required, optional), "c2");

    processor.processEvent(event("a"));
    processor.processEventBatch(events("b", "c"));

    assertThat(drain(required)).containsExactly("a", "b", "c");
    assertThat(drain(optional)).containsExactly("x", "y");
    assertThat(processor.getOptionalChannelFailureCount()).isEqualTo(2);
  }

  @Test
  void aFullRequiredChannelFailsTheWriteAndCommitsNothingToIt() {
    MemoryChannel full = memory("c1", "capacity", "5", "transactionCapacity", "5",
        "keep-alive", "0");
    putCommitted(full, "1", "2", "3", "4");
    MemoryChannel other = memory("c2");
    DefaultChannelProcessor processor = replicating(List.of(full, other), null);

    assertThatThrownBy(() -> processor.processEventBatch(events("a", "b")))
        .isExactlyInstanceOf(ChannelFullException.class);
    processor.processEvent(event("c")); // one event still fits
    assertThat(drain(full)).containsExactly("1", "2", "3", "4", "c");
    // c1 comes first and failed the batch, so c2 never saw it
    assertThat(drain(other)).containsExactly("c");
  }

  @Test
  void aBatchOverTheTransactionCapacityIsAChannelException() {
    MemoryChannel small = memory("c1", "capacity", "10", "transactionCapacity", "2");
    DefaultChannelProcessor processor = replicating(List.of(small), null);

    assertThatThrownBy(() -> processor.processEventBatch(events("a", "b", "c")))
        .isExactlyInstanceOf(ChannelException.class)
        .hasMessageContaining("transactionCapacity");
    assertThat(drain(small)).isEmpty();
    // the failed transaction was rolled back and closed: the channel still works on this thread
    processor.processEventBatch(events("d", "e"));
    assertThat(drain(small)).containsExactly("d", "e");
  }

  @Test
  void multiplexesByHeaderWithDefaultAndUnmappedValues() {
    MemoryChannel cz = memory("cz");
    MemoryChannel us = memory("us");
    MemoryChannel fallback = memory("other");
    MultiplexingChannelSelector selector = new MultiplexingChannelSelector();
    selector.setChannels(List.of(cz, us, fallback));
    selector.configure(new Context(Map.of("header", "state", "mapping.CZ", "cz",
        "mapping.US", "us cz", "default", "other")));
    DefaultChannelProcessor processor = new DefaultChannelProcessor(selector, List.of());

    processor.processEventBatch(List.of(event("1", "state", "CZ"), event("2", "state", "US"),
        event("3", "state", "FR"), event("4"), event("5", "state", "CZ")));
    processor.processEvent(event("6", "state", "US"));

    assertThat(drain(cz)).containsExactly("1", "2", "5", "6");
    assertThat(drain(us)).containsExactly("2", "6");
    assertThat(drain(fallback)).containsExactly("3", "4");
  }

  @Test
  void interceptorsRunInOrderAndMayDropEvents() {
    MemoryChannel channel = memory("c1");
    List<String> lifecycle = new ArrayList<>();
    DefaultChannelProcessor processor = replicating(List.of(channel), null,
        new DropInterceptor("drop", lifecycle), new TagInterceptor(lifecycle));

    processor.initialize();
    processor.processEvent(event("drop"));
    processor.processEvent(event("a"));
    processor.processEventBatch(events("drop", "b", "drop"));
    processor.processEventBatch(events("drop"));
    processor.close();

    List<Event> taken = new ArrayList<>();
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (Event e = NonWaitingTake.takeFrom(channel); e != null; e = NonWaitingTake.takeFrom(channel)) {
      taken.add(e);
    }
    tx.commit();
    tx.close();
    assertThat(taken).extracting(TestData::body).containsExactly("a", "b");
    assertThat(taken).allSatisfy(e -> assertThat(e.getHeaders()).containsEntry("tagged", "yes"));
    assertThat(lifecycle).containsExactly("init drop", "init tag", "close drop", "close tag");
  }

  @Test
  void nullEventsInABatchAreSkipped() {
    MemoryChannel channel = memory("c1");
    DefaultChannelProcessor processor = replicating(List.of(channel), null);

    processor.processEventBatch(Arrays.asList(event("a"), null, event("b")));
    processor.processEventBatch(Arrays.asList((Event) null));

    assertThat(drain(channel)).containsExactly("a", "b");
  }

  @Test
  void otherFailuresAreWrappedAndErrorsPropagateAfterRollback() {
    FailingChannel failing = new FailingChannel("f1", new IllegalStateException("disk on fire"));
    DefaultChannelProcessor processor = replicating(List.of(failing), null);

    assertThatThrownBy(() -> processor.processEvent(event("a")))
        .isExactlyInstanceOf(ChannelException.class)
        .hasMessageContaining("required channel f1")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(failing.rollbacks).isEqualTo(1);
    assertThat(failing.closes).isEqualTo(1);

    FailingChannel broken = new FailingChannel("f2", new OutOfMemoryError("simulated"));
    DefaultChannelProcessor errorProcessor = replicating(List.of(broken), null);
    assertThatThrownBy(() -> errorProcessor.processEventBatch(events("a", "b")))
        .isExactlyInstanceOf(OutOfMemoryError.class);
    assertThat(broken.rollbacks).isEqualTo(1);
    assertThat(broken.closes).isEqualTo(1);
  }

  @Test
  void errorsFromOptionalChannelsPropagateToo() {
    MemoryChannel required = memory("c1");
    FailingChannel broken = new FailingChannel("f1", new StackOverflowError());
    DefaultChannelProcessor processor = replicating(List.of(required, broken), "f1");

    assertThatThrownBy(() -> processor.processEvent(event("a")))
        .isInstanceOf(StackOverflowError.class);
    assertThat(drain(required)).containsExactly("a"); // required channels go first
  }

  @Test
  void exposesItsSelector() {
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    DefaultChannelProcessor processor = new DefaultChannelProcessor(selector, null);
    assertThat(processor.getSelector()).isSameAs(selector);
    assertThat(processor.getInterceptors()).isEmpty();
  }

  /** Drops events with a given body. */
  private static final class DropInterceptor implements Interceptor {
    private final String dropped;
    private final List<String> lifecycle;

    DropInterceptor(String dropped, List<String> lifecycle) {
      this.dropped = dropped;
      this.lifecycle = lifecycle;
    }

    @Override
    public void initialize() {
      lifecycle.add("init drop");
    }

    @Override
    public Event intercept(Event event) {
      return body(event).equals(dropped) ? null : event;
    }

    @Override
    public List<Event> intercept(List<Event> events) {
      List<Event> kept = new ArrayList<>();
      for (Event event : events) {
        if (event != null && intercept(event) != null) {
          kept.add(event);
        }
      }
      return kept;
    }

    @Override
    public void close() {
      lifecycle.add("close drop");
    }
  }

  /** Adds a header; fails the test if it ever sees a dropped event. */
  private static final class TagInterceptor implements Interceptor {
    private final List<String> lifecycle;

    TagInterceptor(List<String> lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void initialize() {
      lifecycle.add("init tag");
    }

    @Override
    public Event intercept(Event event) {
      assertThat(body(event)).isNotEqualTo("drop");
      event.getHeaders().put("tagged", "yes");
      return event;
    }

    @Override
    public List<Event> intercept(List<Event> events) {
      events.forEach(this::intercept);
      return events;
    }

    @Override
    public void close() {
      lifecycle.add("close tag");
    }
  }

  /** A channel whose puts throw the given throwable; counts rollbacks and closes. */
  private static final class FailingChannel extends BasicChannelSemantics {
    private final Throwable failure;
    int rollbacks;
    int closes;

    FailingChannel(String name, Throwable failure) {
      this.failure = failure;
      setName(name);
    }

    @Override
    protected BasicTransactionSemantics createTransaction() {
      return new BasicTransactionSemantics() {
        @Override
        protected void doPut(Event event) {
          if (failure instanceof Error error) {
            throw error;
          }
          throw (RuntimeException) failure;
        }

        @Override
        protected Event doTake() {
          return null;
        }

        @Override
        protected void doCommit() {}

        @Override
        protected void doRollback() {
          rollbacks++;
        }

        @Override
        protected void doClose() {
          closes++;
        }
      };
    }
  }
}
