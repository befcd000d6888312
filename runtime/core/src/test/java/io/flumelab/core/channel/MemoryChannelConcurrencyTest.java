package io.flumelab.core.channel;

import static io.flumelab.core.channel.Channels.memory;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.ChannelFullException;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.NonWaitingTake;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Producers and consumers hammering one channel, with random batch sizes and random rollbacks on
 * both sides. Every event must arrive exactly once. With one consumer, each producer's events must
 * also arrive in the order it put them; with several consumers, a rollback by one lets another
 * overtake it, so only exactly-once can hold (as in Flume).
 */
class MemoryChannelConcurrencyTest {

  private static final int PRODUCERS = 4;
  private static final int EVENTS_PER_PRODUCER = 50_000;
  private static final int TOTAL = PRODUCERS * EVENTS_PER_PRODUCER;

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void shutDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void twoConsumersReceiveEveryEventExactlyOnce() throws Exception {
    List<List<long[]>> received = run(2);

    boolean[][] seen = new boolean[PRODUCERS][EVENTS_PER_PRODUCER];
    int count = 0;
    for (List<long[]> consumer : received) {
      for (long[] batch : consumer) {
        for (long id : batch) {
          int producer = (int) (id >>> 32);
          int sequence = (int) id;
          assertThat(seen[producer][sequence]).as("event %d of producer %d twice", sequence, producer)
              .isFalse();
          seen[producer][sequence] = true;
          count++;
        }
      }
    }
    assertThat(count).isEqualTo(TOTAL);
  }

  @Test
  void oneConsumerReceivesEachProducersEventsInOrderExactlyOnce() throws Exception {
    List<List<long[]>> received = run(1);

    int[] next = new int[PRODUCERS];
    for (long[] batch : received.get(0)) {
      for (long id : batch) {
        int producer = (int) (id >>> 32);
        assertThat((int) id).as("next event of producer %d", producer).isEqualTo(next[producer]);
        next[producer]++;
      }
    }
    assertThat(next).containsOnly(EVENTS_PER_PRODUCER);
  }

  /** Runs the producers and consumers; returns each consumer's committed batches of event ids. */
  private List<List<long[]>> run(int consumers) throws Exception {
    MemoryChannel channel = memory("c1", "capacity", "1000", "transactionCapacity", "100",
        "keep-alive", "1");
    AtomicInteger committed = new AtomicInteger();
    List<Future<?>> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      producers.add(pool.submit(() -> produce(channel, producer)));
    }
    List<Future<List<long[]>>> consumerResults = new ArrayList<>();
    for (int c = 0; c < consumers; c++) {
      consumerResults.add(pool.submit(() -> consume(channel, committed)));
    }
    for (Future<?> producer : producers) {
      producer.get(60, TimeUnit.SECONDS);
    }
    List<List<long[]>> received = new ArrayList<>();
    for (Future<List<long[]>> consumer : consumerResults) {
      received.add(consumer.get(60, TimeUnit.SECONDS));
    }

    ChannelCounter counter = channel.getCounter();
    assertThat(counter.getEventPutSuccessCount()).isEqualTo(TOTAL);
    assertThat(counter.getEventTakeSuccessCount()).isEqualTo(TOTAL);
    assertThat(counter.getChannelSize()).isZero();
    assertThat(channel.size()).isZero();
    return received;
  }

  private static void produce(MemoryChannel channel, int producer) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int sequence = 0;
    while (sequence < EVENTS_PER_PRODUCER) {
      int batch = Math.min(1 + random.nextInt(100), EVENTS_PER_PRODUCER - sequence);
      boolean rollback = random.nextInt(10) == 0;
      Transaction tx = channel.getTransaction();
      tx.begin();
      try {
        for (int i = 0; i < batch; i++) {
          channel.put(event(producer, sequence + i));
        }
        if (rollback) {
          tx.rollback();
        } else {
          tx.commit();
          sequence += batch;
        }
      } catch (ChannelFullException e) {
        tx.rollback(); // consumers are behind: try the same batch again
      } finally {
        tx.close();
      }
    }
  }

  private static List<long[]> consume(MemoryChannel channel, AtomicInteger committed)
      throws InterruptedException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<long[]> batches = new ArrayList<>();
    while (committed.get() < TOTAL) {
      int want = 1 + random.nextInt(100);
      long[] ids = new long[want];
      int taken = 0;
      Transaction tx = channel.getTransaction();
      tx.begin();
      try {
        for (Event event = null; taken < want && (event = NonWaitingTake.takeFrom(channel)) != null; taken++) {
          ids[taken] = id(event);
        }
        if (random.nextInt(10) == 0) {
          tx.rollback();
        } else {
          tx.commit();
          if (taken > 0) {
            batches.add(Arrays.copyOf(ids, taken));
            committed.addAndGet(taken);
          }
        }
      } finally {
        tx.close();
      }
      if (taken == 0) {
        channel.awaitEvents(10);
      }
    }
    return batches;
  }

  private static Event event(int producer, int sequence) {
    return EventBuilder.withBody(ByteBuffer.allocate(8).putInt(producer).putInt(sequence).array());
  }

  private static long id(Event event) {
    ByteBuffer body = ByteBuffer.wrap(event.getBody());
    return ((long) body.getInt() << 32) | body.getInt();
  }
}
