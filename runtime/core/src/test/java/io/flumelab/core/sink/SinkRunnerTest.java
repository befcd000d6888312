package io.flumelab.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.MemoryChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SinkRunnerTest {

  private final MemoryChannel channel = new MemoryChannel();
  private final RecordingSink sink = new RecordingSink();
  private SinkRunner runner;

  @BeforeEach
  void setUp() {
    channel.setName("c1");
    channel.configure(new Context(Map.of("capacity", "10000", "transactionCapacity", "100")));
    channel.start();
    sink.setName("k1");
    sink.setChannel(channel);
    DefaultSinkProcessor processor = new DefaultSinkProcessor();
    processor.setSinks(List.of(sink));
    runner = new SinkRunner("k1", processor, 10, 50);
  }

  @AfterEach
  void tearDown() {
    runner.stop();
    channel.stop();
  }

  @Test
  void anIdleSinkDeliversEventsCommittedLater() {
    runner.start();

    put(range(0, 5));

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.bodies.size() == 5);
    assertThat(sink.bodies).containsExactlyElementsOf(range(0, 5));
  }

  @Test
  void aFailingSinkIsRetriedAndLosesNothing() {
    sink.failuresLeft.set(3);
    put(range(0, 50));

    runner.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.bodies.size() == 50);
    assertThat(sink.bodies).containsExactlyElementsOf(range(0, 50));
    assertThat(sink.calls.get()).isGreaterThan(3);
  }

  @Test
  void aGracefulStopDrainsTheChannelFirst() {
    put(range(0, 2000));
    runner.start();

    runner.stop(5000);

    assertThat(sink.bodies).containsExactlyElementsOf(range(0, 2000));
    assertThat(channel.size()).isZero();
  }

  private void put(List<String> bodies) {
    for (int from = 0; from < bodies.size(); from += 100) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      bodies.subList(from, Math.min(from + 100, bodies.size()))
          .forEach(body -> channel.put(EventBuilder.withBody(body, StandardCharsets.UTF_8)));
      tx.commit();
      tx.close();
    }
  }

  private static List<String> range(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "e" + i).toList();
  }

  /** Takes up to 10 events per call; fails (and rolls back) while failuresLeft is positive. */
  private static final class RecordingSink extends AbstractSink {
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Status process() throws EventDeliveryException {
      calls.incrementAndGet();
      Channel ch = getChannel();
      Transaction tx = ch.getTransaction();
      tx.begin();
      try {
        List<String> taken = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
          Event event = ch.take();
          if (event == null) {
            break;
          }
          taken.add(new String(event.getBody(), StandardCharsets.UTF_8));
        }
        if (!taken.isEmpty() && failuresLeft.getAndDecrement() > 0) {
          throw new EventDeliveryException("downstream is down");
        }
        bodies.addAll(taken);
        tx.commit();
        return taken.isEmpty() ? Status.BACKOFF : Status.READY;
      } catch (EventDeliveryException | RuntimeException e) {
        tx.rollback();
        throw e instanceof EventDeliveryException d ? d : new EventDeliveryException(e);
      } finally {
        tx.close();
      }
    }
  }
}
