package io.flumelab.core.channel;

import static io.flumelab.core.channel.Channels.drain;
import static io.flumelab.core.channel.Channels.memory;
import static io.flumelab.core.channel.Channels.putCommitted;
import static io.flumelab.core.testing.TestData.body;
import static io.flumelab.core.testing.TestData.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ChannelException;
import io.flumelab.api.ChannelFullException;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.BasicTransactionSemantics;
import io.flumelab.core.spi.ChannelCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryChannelTest {

  private final ExecutorService other = Executors.newSingleThreadExecutor();

  @AfterEach
  void shutDown() throws InterruptedException {
    other.shutdownNow();
    assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Takes one event, without waiting, on another thread in its own committed transaction. */
  private String takeElsewhere(MemoryChannel channel) throws Exception {
    return other.submit(() -> {
      Transaction tx = channel.getTransaction();
      tx.begin();
      Event event = channel.takeWithoutWaiting();
      tx.commit();
      tx.close();
      return event == null ? null : body(event);
    }).get(10, TimeUnit.SECONDS);
  }

  @Test
  void defaultsAreFlumes() {
    MemoryChannel channel = memory("c1");

    assertThat(channel.getCapacity()).isEqualTo(100);
    assertThat(channel.getTransactionCapacity()).isEqualTo(100);
    assertThat(channel.getKeepAliveSeconds()).isEqualTo(3);
    long expected = (long) (Runtime.getRuntime().maxMemory() * 0.8 * 0.8);
    assertThat(channel.getByteCapacity()).isBetween(expected - 200, expected);
    assertThat(channel.getLifecycleState()).isEqualTo(LifecycleState.START);
  }

  @Test
  void putsAreInvisibleUntilCommit() throws Exception {
    MemoryChannel channel = memory("c1");
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(event("a"));
    channel.put(event("b"));

    assertThat(takeElsewhere(channel)).isNull();
    assertThat(channel.size()).isZero();

    tx.commit();
    tx.close();
    assertThat(channel.size()).isEqualTo(2);
    assertThat(takeElsewhere(channel)).isEqualTo("a");
    assertThat(takeElsewhere(channel)).isEqualTo("b");
    assertThat(takeElsewhere(channel)).isNull();
  }

  @Test
  void rolledBackPutsAreDropped() {
    MemoryChannel channel = memory("c1");
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(event("a"));
    tx.rollback();
    tx.close();

    assertThat(drain(channel)).isEmpty();
  }

  @Test
  void takeWithoutWaitingReturnsNullWhenEmpty() {
    MemoryChannel channel = memory("c1");
    Transaction tx = channel.getTransaction();
    tx.begin();
    assertThat(channel.takeWithoutWaiting()).isNull();
    tx.commit();
    tx.close();
  }

  @Test
  void rollbackOfTakesRestoresThemToTheHeadInOrder() throws Exception {
    MemoryChannel channel = memory("c1");
    putCommitted(channel, "1", "2", "3");
    Transaction tx = channel.getTransaction();
    tx.begin();
    assertThat(body(channel.take())).isEqualTo("1");
    assertThat(body(channel.take())).isEqualTo("2");
    // another thread commits more while the takes are outstanding
    other.submit(() -> putCommitted(channel, "4", "5")).get(10, TimeUnit.SECONDS);
    tx.rollback();
    tx.close();

    assertThat(drain(channel)).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void eventsTakenAheadButNotHandedOutStayAtTheHeadAfterCommit() {
    MemoryChannel channel = memory("c1");
    for (int i = 0; i < 20; i++) {
      putCommitted(channel, String.valueOf(i));
    }
    // a first transaction of 10 takes makes the next one take ahead by 10
    List<String> taken = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (int i = 0; i < (round == 0 ? 10 : 3); i++) {
        taken.add(body(channel.take()));
      }
      tx.commit();
      tx.close();
    }

    assertThat(taken).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
        "12");
    assertThat(channel.size()).isEqualTo(7);
    assertThat(drain(channel)).containsExactly("13", "14", "15", "16", "17", "18", "19");
  }

  @Test
  void putBeyondTransactionCapacityFailsAndCommitsNothing() {
    MemoryChannel channel = memory("c1", "capacity", "20", "transactionCapacity", "5");
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (int i = 0; i < 5; i++) {
      channel.put(event("e" + i));
    }
    assertThatThrownBy(() -> channel.put(event("too many")))
        .isExactlyInstanceOf(ChannelException.class)
        .hasMessageContaining("Put queue for MemoryTransaction of capacity 5 full")
        .hasMessageContaining("transactionCapacity");
    tx.rollback();
    tx.close();

    assertThat(channel.size()).isZero();
  }

  @Test
  void takeBeyondTransactionCapacityFailsAndRollbackRestoresAll() {
    MemoryChannel channel = memory("c1", "capacity", "20", "transactionCapacity", "5");
    for (int i = 0; i < 10; i++) {
      putCommitted(channel, "e" + i);
    }
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (int i = 0; i < 5; i++) {
      assertThat(channel.take()).isNotNull();
    }
    assertThatThrownBy(channel::take)
        .isExactlyInstanceOf(ChannelException.class)
        .hasMessageContaining("Take list for MemoryTransaction of capacity 5 full");
    tx.rollback();
    tx.close();

    assertThat(drain(channel)).hasSize(10).startsWith("e0", "e1");
  }

  @Test
  void commitToAFullChannelFailsAfterKeepAliveAndCanRollBack() {
    MemoryChannel channel = memory("c1", "capacity", "5", "transactionCapacity", "5",
        "keep-alive", "1");
    putCommitted(channel, "1", "2", "3", "4");
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(event("5"));
    channel.put(event("6"));

    long start = System.nanoTime();
    ChannelFullException full = catchThrowableOfType(ChannelFullException.class, tx::commit);
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(full).hasMessageContaining("c1 is full").hasMessageContaining("capacity of 5");
    assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
    tx.rollback(); // the failed commit left the transaction open
    tx.close();
    assertThat(drain(channel)).containsExactly("1", "2", "3", "4");
  }

  @Test
  void commitWaitsForRoomThatATakeFrees() throws Exception {
    MemoryChannel channel = memory("c1", "capacity", "2", "transactionCapacity", "2",
        "keep-alive", "10");
    putCommitted(channel, "1", "2");
    AtomicReference<Thread> producer = new AtomicReference<>();
    Future<?> blockedCommit = other.submit(() -> {
      producer.set(Thread.currentThread());
      putCommitted(channel, "3");
    });
    await().atMost(Duration.ofSeconds(5)).until(
        () -> producer.get() != null && producer.get().getState() == Thread.State.TIMED_WAITING);

    assertThat(takeOne(channel)).isEqualTo("1");
    blockedCommit.get(5, TimeUnit.SECONDS);
    assertThat(drain(channel)).containsExactly("2", "3");
  }

  private static String takeOne(MemoryChannel channel) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    Event event = channel.take();
    tx.commit();
    tx.close();
    return body(event);
  }

  @Test
  void uncommittedTakesStillOccupyTheChannel() throws Exception {
    MemoryChannel channel = memory("c1", "capacity", "3", "transactionCapacity", "3",
        "keep-alive", "0");
    putCommitted(channel, "1", "2", "3");
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.take();

    // room for the taken event appears only when the take commits (a rollback needs it back)
    assertThatThrownBy(() -> other.submit(() -> putCommitted(channel, "4")).get())
        .hasCauseInstanceOf(ChannelFullException.class);
    tx.commit();
    tx.close();
    other.submit(() -> putCommitted(channel, "4")).get(10, TimeUnit.SECONDS);
    assertThat(drain(channel)).containsExactly("2", "3", "4");
  }

  @Test
  void aTransactionThatTakesAsMuchAsItPutsNeedsNoRoom() {
    MemoryChannel channel = memory("c1", "capacity", "2", "transactionCapacity", "2",
        "keep-alive", "0");
    putCommitted(channel, "1", "2");
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.take();
    channel.put(event("3"));
    tx.commit();
    tx.close();

    assertThat(drain(channel)).containsExactly("2", "3");
  }

  @Test
  void byteCapacityCountsBodiesInHundredByteSlots() {
    MemoryChannel channel = memory("c1", "byteCapacity", "1000",
        "byteCapacityBufferPercentage", "0", "keep-alive", "0");
    assertThat(channel.getByteCapacity()).isEqualTo(1000);

    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(EventBuilder.withBody(new byte[150])); // 2 slots
    for (int i = 0; i < 8; i++) {
      channel.put(EventBuilder.withBody(new byte[100]));
    }
    tx.commit();
    tx.close();

    tx = channel.getTransaction();
    tx.begin();
    channel.put(EventBuilder.withBody(new byte[1])); // an 11th slot
    assertThatThrownBy(tx::commit).isInstanceOf(ChannelFullException.class)
        .hasMessageContaining("bytes of event bodies");
    tx.rollback();
    tx.close();

    assertThat(takeOneBody(channel)).hasSize(150);
    tx = channel.getTransaction();
    tx.begin();
    channel.put(EventBuilder.withBody(new byte[0])); // an empty body still uses a slot
    channel.put(EventBuilder.withBody(new byte[1]));
    tx.commit();
    tx.close();
    assertThat(channel.size()).isEqualTo(10);
  }

  private static byte[] takeOneBody(MemoryChannel channel) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    Event event = channel.take();
    tx.commit();
    tx.close();
    return event.getBody();
  }

  @Test
  void byteCapacityLeavesTheBufferPercentageFree() {
    assertThat(memory("c1", "byteCapacity", "1250").getByteCapacity()).isEqualTo(1000);
    assertThat(memory("c1", "byteCapacity", "0").getByteCapacity())
        .isEqualTo(Integer.MAX_VALUE * 100L);
  }

  @Test
  void putOrTakeOutsideATransactionFailsWithTheFix() {
    MemoryChannel channel = memory("c1");

    assertThatThrownBy(() -> channel.put(event("a")))
        .isExactlyInstanceOf(ChannelException.class)
        .hasMessageContaining("outside a transaction")
        .hasMessageContaining("begin()");
    assertThatThrownBy(channel::take)
        .isExactlyInstanceOf(ChannelException.class)
        .hasMessageContaining("begin()");

    channel.getTransaction(); // obtained but not begun
    assertThatThrownBy(() -> channel.put(event("a")))
        .isExactlyInstanceOf(ChannelException.class)
        .hasMessageContaining("transaction is NEW");
  }

  @Test
  void putAfterCommitFails() {
    MemoryChannel channel = memory("c1");
    Transaction tx = channel.getTransaction();
    tx.begin();
    tx.commit();

    assertThatThrownBy(() -> channel.put(event("late")))
        .isExactlyInstanceOf(ChannelException.class)
        .hasMessageContaining("COMPLETED");
    tx.close();
  }

  @Test
  void transactionStateMachineRejectsMisuse() {
    MemoryChannel channel = memory("c1");
    Transaction tx = channel.getTransaction();
    assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NEW");
    assertThatThrownBy(tx::rollback).isInstanceOf(IllegalStateException.class);

    tx.begin();
    assertThatThrownBy(tx::begin).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(tx::close).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("commit() or rollback() it first");
    assertThat(channel.getTransaction()).isSameAs(tx); // still this thread's open transaction

    tx.commit();
    assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("COMPLETED");
    assertThatThrownBy(tx::rollback).isInstanceOf(IllegalStateException.class);
    tx.close();
    assertThatThrownBy(tx::close).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
  }

  @Test
  void aNeverBegunTransactionMayBeClosed() {
    MemoryChannel channel = memory("c1");
    channel.getTransaction().close();
    putCommitted(channel, "a");
    assertThat(drain(channel)).containsExactly("a");
  }

  @Test
  void aClosedTransactionIsReplacedByAFreshOne() {
    MemoryChannel channel = memory("c1");
    putCommitted(channel, "a");
    Transaction next = channel.getTransaction();

    assertThat(((BasicTransactionSemantics) next).getState())
        .isEqualTo(BasicTransactionSemantics.State.NEW);
  }

  @Test
  void aTransactionBelongsToItsThread() throws Exception {
    MemoryChannel channel = memory("c1");
    Transaction tx = channel.getTransaction();
    tx.begin();

    assertThatThrownBy(() -> other.submit(tx::commit).get())
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("belongs to thread");
    Transaction otherTx = other.submit(channel::getTransaction).get();
    assertThat(otherTx).isNotSameAs(tx);
    tx.rollback();
    tx.close();
  }

  @Test
  void nullEventsAreRejected() {
    MemoryChannel channel = memory("c1");
    Transaction tx = channel.getTransaction();
    tx.begin();
    assertThatThrownBy(() -> channel.put(null)).isInstanceOf(IllegalArgumentException.class);
    tx.rollback();
    tx.close();
  }

  @Test
  void aCommitInterruptedWhileWaitingCanRollBack() throws Exception {
    MemoryChannel channel = memory("c1", "capacity", "1", "transactionCapacity", "1",
        "keep-alive", "30");
    putCommitted(channel, "1");
    AtomicReference<Thread> producer = new AtomicReference<>();
    Future<Boolean> result = other.submit(() -> {
      producer.set(Thread.currentThread());
      Transaction tx = channel.getTransaction();
      tx.begin();
      channel.put(event("2"));
      try {
        tx.commit();
        return false;
      } catch (ChannelException e) {
        boolean interrupted = Thread.interrupted();
        tx.rollback();
        tx.close();
        return interrupted;
      }
    });
    await().atMost(Duration.ofSeconds(5)).until(
        () -> producer.get() != null && producer.get().getState() == Thread.State.TIMED_WAITING);
    producer.get().interrupt();

    assertThat(result.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(drain(channel)).containsExactly("1");
  }

  @Test
  void transactionCapacityAboveCapacityIsAConfigurationError() {
    MemoryChannel channel = new MemoryChannel();
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> channel.configure(new Context(Map.of("capacity", "10",
            "transactionCapacity", "100"))));

    assertThat(e.getKey()).isEqualTo("transactionCapacity");
    assertThat(e).hasMessageContaining("larger than capacity (10)");
    assertThat(e.getFix()).contains("at most 10");
  }

  @Test
  void badNumbersAreConfigurationErrorsNamingTheKey() {
    assertConfigError(Map.of("capacity", "lots"), "capacity", "whole number");
    assertConfigError(Map.of("capacity", "0"), "capacity", "1 or more, not 0");
    assertConfigError(Map.of("transactionCapacity", "-5"), "transactionCapacity", "1 or more, not -5");
    assertConfigError(Map.of("keep-alive", "3s"), "keep-alive", "whole number");
    assertConfigError(Map.of("byteCapacity", "1.5"), "byteCapacity", "whole number");
    assertConfigError(Map.of("byteCapacityBufferPercentage", "100"),
        "byteCapacityBufferPercentage", "between 0 and 99, not 100");
    assertConfigError(Map.of("capacity", "99999999999"), "capacity", "out of range for an int");
  }

  private static void assertConfigError(Map<String, String> settings, String key, String text) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName("c1");
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> channel.configure(new Context(settings)));
    assertThat(e).as("configure(%s)", settings).isNotNull().hasMessageContaining(text);
    assertThat(e.getKey()).isEqualTo(key);
    assertThat(e.getFix()).isNotBlank();
  }

  @Test
  void countersFollowPutsTakesAndLifecycle() {
    MemoryChannel channel = memory("c1", "capacity", "50", "transactionCapacity", "3");
    ChannelCounter counter = channel.getCounter();
    assertThat(counter.getType()).isEqualTo("CHANNEL");
    assertThat(counter.getName()).isEqualTo("c1");
    assertThat(counter.getChannelCapacity()).isEqualTo(50);
    assertThat(counter.getStartTime()).isPositive();

    putCommitted(channel, "1", "2", "3");
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(event("dropped"));
    tx.rollback();
    tx.close();
    tx = channel.getTransaction();
    tx.begin();
    channel.take();
    channel.take();
    tx.commit();
    tx.close();
    tx = channel.getTransaction();
    tx.begin();
    channel.take();
    tx.rollback();
    tx.close();

    assertThat(counter.getEventPutAttemptCount()).isEqualTo(4);
    assertThat(counter.getEventPutSuccessCount()).isEqualTo(3);
    assertThat(counter.getEventTakeAttemptCount()).isEqualTo(3);
    assertThat(counter.getEventTakeSuccessCount()).isEqualTo(2);
    assertThat(counter.getChannelSize()).isEqualTo(1);
    assertThat(counter.getChannelFillPercentage()).isEqualTo(2.0);
    assertThat(counter.snapshot()).containsEntry("EventPutSuccessCount", 3L);

    channel.stop();
    assertThat(counter.getStopTime()).isPositive();
    assertThat(channel.getLifecycleState()).isEqualTo(LifecycleState.STOP);
  }

  @Test
  void awaitEventsWakesOnCommit() throws Exception {
    MemoryChannel channel = memory("c1");
    assertThat(channel.awaitEvents(0)).isFalse();
    assertThat(channel.awaitEvents(20)).isFalse();

    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<Boolean> woke = other.submit(() -> {
      waiter.set(Thread.currentThread());
      return channel.awaitEvents(TimeUnit.SECONDS.toMillis(30));
    });
    await().atMost(Duration.ofSeconds(5)).until(
        () -> waiter.get() != null && waiter.get().getState() == Thread.State.TIMED_WAITING);
    putCommitted(channel, "a");

    assertThat(woke.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(channel.awaitEvents(0)).isTrue();
  }

  @Test
  void largeBatchesGrowTheChannelAndKeepOrder() {
    MemoryChannel channel = memory("c1", "capacity", "5000", "transactionCapacity", "1000");
    int next = 0;
    for (int batch = 0; batch < 5; batch++) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (int i = 0; i < 1000; i++) {
        channel.put(event(String.valueOf(next++)));
      }
      tx.commit();
      tx.close();
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      expected.add(String.valueOf(i));
    }
    assertThat(drain(channel)).isEqualTo(expected);
  }
}
