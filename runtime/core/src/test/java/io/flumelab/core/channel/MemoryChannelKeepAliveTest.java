package io.flumelab.core.channel;

import static io.flumelab.core.channel.Channels.memory;
import static io.flumelab.core.channel.Channels.putCommitted;
import static io.flumelab.core.testing.TestData.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Sink.Status;
import io.flumelab.api.Transaction;
import io.flumelab.core.sink.LoggerSink;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The memory channel's take waits up to keep-alive for an event, as Flume's does, which custom
 * sinks written for Flume rely on; the built-in sinks take without waiting.
 */
class MemoryChannelKeepAliveTest {

  private Thread taker;

  @AfterEach
  void stopTaker() throws InterruptedException {
    if (taker != null) {
      taker.interrupt();
      taker.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(taker.isAlive()).as("the taking thread ends when interrupted").isFalse();
    }
  }

  @Test
  void takeOnAnEmptyChannelWaitsKeepAliveThenReturnsNull() {
    MemoryChannel channel = memory("c1", "keep-alive", "1");

    long start = System.nanoTime();
    Event event = takeInOwnTransaction(channel);
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(event).isNull();
    assertThat(waitedMillis).as("ms take() waited with keep-alive = 1").isBetween(950L, 2500L);
  }

  @Test
  void keepAliveZeroTakesWithoutWaiting() {
    MemoryChannel channel = memory("c1", "keep-alive", "0");

    long start = System.nanoTime();
    assertThat(takeInOwnTransaction(channel)).isNull();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(500);
  }

  @Test
  void takeWithoutWaitingIgnoresKeepAlive() {
    MemoryChannel channel = memory("c1", "keep-alive", "30");
    Transaction tx = channel.getTransaction();
    tx.begin();

    long start = System.nanoTime();
    assertThat(channel.takeWithoutWaiting()).isNull();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(500);
    tx.commit();
    tx.close();
  }

  @Test
  void anEventCommittedDuringTheWaitIsTakenPromptly() throws Exception {
    MemoryChannel channel = memory("c1", "keep-alive", "30");
    AtomicReference<Event> taken = new AtomicReference<>();
    AtomicReference<Long> returnedAt = new AtomicReference<>();
    taker = new Thread(() -> {
      taken.set(takeInOwnTransaction(channel));
      returnedAt.set(System.nanoTime());
    }, "taker");
    taker.start();
    awaitWaiting(taker);

    long putAt = System.nanoTime();
    putCommitted(channel, "arrived");

    await().atMost(Duration.ofSeconds(5)).until(() -> returnedAt.get() != null);
    assertThat(body(taken.get())).isEqualTo("arrived");
    assertThat(TimeUnit.NANOSECONDS.toMillis(returnedAt.get() - putAt))
        .as("ms from the commit to the waiting take's return").isLessThan(1000);
    assertThat(channel.size()).isZero();
  }

  @Test
  void aRolledBackTakeWakesAWaitingTake() throws Exception {
    MemoryChannel channel = memory("c1", "keep-alive", "30");
    putCommitted(channel, "only");
    Transaction holder = channel.getTransaction();
    holder.begin();
    assertThat(body(channel.take())).isEqualTo("only");
    AtomicReference<Event> taken = new AtomicReference<>();
    taker = new Thread(() -> taken.set(takeInOwnTransaction(channel)), "taker");
    taker.start();
    awaitWaiting(taker);

    holder.rollback();
    holder.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> taken.get() != null);
    assertThat(body(taken.get())).isEqualTo("only");
  }

  @Test
  void aSinkLoopingOnTakeOverAnIdleChannelUsesLittleCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeThat(threads.isThreadCpuTimeSupported()).isTrue();
    threads.setThreadCpuTimeEnabled(true);
    MemoryChannel channel = memory("c1", "keep-alive", "1");
    NotesSink sink = new NotesSink();
    sink.setName("k1");
    sink.setChannel(channel);
    CompletableFuture<Status> status = new CompletableFuture<>();
    long start = System.nanoTime();
    taker = new Thread(() -> status.complete(sink.process()), "notes-sink");
    taker.start();

    // three empty takes: three keep-alives (3 s) of an idle channel when take() waits
    await().atMost(Duration.ofSeconds(15)).until(() -> sink.emptyTakes.get() >= 3);
    long cpuNanos = threads.getThreadCpuTime(taker.getId());
    long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    int emptyTakes = sink.emptyTakes.get();

    System.out.printf("notes' sink looping take() on an idle memory channel: %d empty takes in "
        + "%d ms, %.1f ms of CPU%n", emptyTakes, wallMillis, cpuNanos / 1e6);
    assertThat(wallMillis).as("ms for three empty takes with keep-alive = 1 s").isGreaterThan(2900);
    assertThat(emptyTakes).as("empty takes once three were seen").isLessThanOrEqualTo(4);
    assertThat(TimeUnit.NANOSECONDS.toMillis(cpuNanos))
        .as("ms of CPU the looping sink used over %d ms (a spinning loop uses about as much)",
            wallMillis)
        .isLessThan(200);

    putCommitted(channel, "finally");
    await().atMost(Duration.ofSeconds(5)).until(status::isDone);
    assertThat(status.join()).isEqualTo(Status.READY);
    assertThat(sink.delivered.get()).isEqualTo("finally");
    assertThat(channel.size()).isZero();
  }

  @Test
  void aBuiltInSinkDoesNotWaitForKeepAlive() throws Exception {
    MemoryChannel channel = memory("c1", "keep-alive", "30");
    LoggerSink sink = new LoggerSink();
    sink.setName("k1");
    sink.configure(new Context(Map.of()));
    sink.setChannel(channel);
    sink.start();
    try {
      long start = System.nanoTime();
      assertThat(sink.process()).isEqualTo(Status.BACKOFF);
      putCommitted(channel, "a", "b", "c");
      assertThat(sink.process()).as("a batch shorter than the sink's").isEqualTo(Status.READY);

      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
          .as("ms for an empty and a short batch, with keep-alive = 30 s").isLessThan(2000);
      assertThat(channel.size()).isZero();
    } finally {
      sink.stop();
    }
  }

  private static Event takeInOwnTransaction(Channel channel) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      Event event = channel.take();
      tx.commit();
      return event;
    } finally {
      tx.close();
    }
  }

  private static void awaitWaiting(Thread thread) {
    await().atMost(Duration.ofSeconds(5))
        .until(() -> thread.getState() == Thread.State.TIMED_WAITING);
  }

  /**
   * The course notes' custom sink, as written for Flume: it calls take() in a loop inside one
   * transaction until an event comes.
   */
  static final class NotesSink extends AbstractSink {

    final AtomicInteger emptyTakes = new AtomicInteger();
    final AtomicReference<String> delivered = new AtomicReference<>();

    @Override
    public Status process() {
      Channel ch = getChannel();
      Transaction transaction = ch.getTransaction();
      Event event;
      transaction.begin();
      while (true) {
        event = ch.take();
        if (event != null) {
          break;
        }
        if (Thread.currentThread().isInterrupted()) {
          transaction.rollback();
          transaction.close();
          return Status.BACKOFF;
        }
        emptyTakes.incrementAndGet();
      }
      try {
        delivered.set(body(event));
        transaction.commit();
      } finally {
        transaction.close();
      }
      return Status.READY;
    }
  }
}
