package io.flumelab.filechannel;

import static io.flumelab.filechannel.TestChannels.body;
import static io.flumelab.filechannel.TestChannels.drain;
import static io.flumelab.filechannel.TestChannels.event;
import static io.flumelab.filechannel.TestChannels.numbered;
import static io.flumelab.filechannel.TestChannels.putCommitted;
import static io.flumelab.filechannel.TestChannels.started;
import static io.flumelab.filechannel.TestChannels.takeCommitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ChannelException;
import io.flumelab.api.ChannelFullException;
import io.flumelab.api.Event;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Transaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flume's transaction semantics on the file channel, within one run. */
class FileChannelTransactionTest {

  @TempDir
  Path dir;

  private final ExecutorService other = Executors.newSingleThreadExecutor();
  private FileChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    other.shutdownNow();
    assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    if (channel != null) {
      channel.stop();
    }
  }

  private List<String> takeElsewhere(int max) throws Exception {
    return other.submit(() -> takeCommitted(channel, max)).get(10, TimeUnit.SECONDS);
  }

  @Test
  void defaultsAreFlumes() {
    channel = started(dir);

    assertThat(channel.getCapacity()).isEqualTo(1_000_000);
    assertThat(channel.getTransactionCapacity()).isEqualTo(10_000);
    FileChannelOptions options = channel.options();
    assertThat(options.checkpointIntervalMillis()).isEqualTo(30_000);
    assertThat(options.maxFileSize()).isEqualTo(2_146_435_071L);
    assertThat(options.keepAliveSeconds()).isEqualTo(3);
    assertThat(options.fsyncPerTransaction()).isTrue();
    assertThat(options.fsyncIntervalSeconds()).isEqualTo(5);
    assertThat(options.checkpointOnClose()).isTrue();
    assertThat(options.backupCheckpointDir()).isNull();
    assertThat(channel.getLifecycleState()).isEqualTo(LifecycleState.START);
  }

  @Test
  void putsAreInvisibleUntilCommit() throws Exception {
    channel = started(dir);
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(event("a"));
    channel.put(event("b"));

    assertThat(takeElsewhere(10)).isEmpty();
    assertThat(channel.size()).isZero();

    tx.commit();
    tx.close();
    assertThat(channel.size()).isEqualTo(2);
    assertThat(takeElsewhere(10)).containsExactly("a", "b");
  }

  @Test
  void eventsKeepTheirHeadersAndBodiesByteForByte() {
    channel = started(dir);
    Map<String, String> headers = new HashMap<>();
    headers.put("host", "hadoop102");
    headers.put("ünïcödé ✓", "😀 emoji and \u0000 nul");
    headers.put("empty", "");
    byte[] body = new byte[70_000]; // larger than a read-ahead buffer
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    Transaction tx = channel.getTransaction();
    tx.begin();
    Event original = event("");
    original.setHeaders(headers);
    original.setBody(body);
    channel.put(original);
    channel.put(event(""));
    tx.commit();
    tx.close();

    tx = channel.getTransaction();
    tx.begin();
    Event first = channel.take();
    Event second = channel.take();
    tx.commit();
    tx.close();

    assertThat(first.getHeaders()).isEqualTo(headers);
    assertThat(first.getBody()).isEqualTo(body);
    assertThat(first).isNotSameAs(original);
    assertThat(second.getHeaders()).isEmpty();
    assertThat(second.getBody()).isEmpty();
  }

  @Test
  void aRolledBackPutLeavesNothing() throws Exception {
    channel = started(dir);
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(event("dropped"));
    tx.rollback();
    tx.close();
    putCommitted(channel, "kept");

    assertThat(takeElsewhere(10)).containsExactly("kept");
  }

  @Test
  void aRolledBackTakeReturnsItsEventsToTheHeadInOrder() throws Exception {
    channel = started(dir);
    putCommitted(channel, "a", "b", "c", "d");
    Transaction tx = channel.getTransaction();
    tx.begin();
    assertThat(body(channel.take())).isEqualTo("a");
    assertThat(body(channel.take())).isEqualTo("b");
    tx.rollback();
    tx.close();

    assertThat(channel.size()).isEqualTo(4);
    assertThat(takeElsewhere(10)).containsExactly("a", "b", "c", "d");
  }

  @Test
  void eventsTakenButNotHandedOutGoBackAtCommit() throws Exception {
    channel = started(dir);
    putCommitted(channel, "w", 10, 10);
    takeCommitted(channel, 5); // the next transaction moves chunks of 5 from the queue
    Transaction tx = channel.getTransaction();
    tx.begin();
    assertThat(body(channel.take())).isEqualTo("w5");
    tx.commit();
    tx.close();

    assertThat(takeElsewhere(10)).containsExactly("w6", "w7", "w8", "w9");
  }

  @Test
  void takeOnAnEmptyChannelReturnsNullAtOnce() {
    channel = started(dir);

    long started = System.nanoTime();
    assertThat(takeCommitted(channel, 1)).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aWaitingSinkWakesAtTheCommit() throws Exception {
    channel = started(dir);
    Future<Boolean> waiting = other.submit(() -> channel.awaitEvents(30_000));

    putCommitted(channel, "wake");

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(channel.awaitEvents(0)).isTrue();
  }

  @Test
  void aTransactionMayPutAndTake() throws Exception {
    channel = started(dir);
    putCommitted(channel, "old");
    Transaction tx = channel.getTransaction();
    tx.begin();
    assertThat(body(channel.take())).isEqualTo("old");
    channel.put(event("new"));
    tx.commit();
    tx.close();

    assertThat(takeElsewhere(10)).containsExactly("new");
  }

  @Test
  void eventsLeaveInTheOrderTheyWereCommitted() {
    channel = started(dir);
    putCommitted(channel, "e", 1000, 100);

    assertThat(drain(channel)).isEqualTo(numbered("e", 1000));
  }

  @Test
  void transactionCapacityLimitsPutsAndTakes() {
    channel = started(dir, "capacity", "100", "transactionCapacity", "3");
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(event("1"));
    channel.put(event("2"));
    channel.put(event("3"));
    assertThatThrownBy(() -> channel.put(event("4"))).isInstanceOf(ChannelException.class)
        .hasMessageContaining("may put at most 3 events (transactionCapacity)");
    tx.commit();
    tx.close();
    putCommitted(channel, "4");

    tx = channel.getTransaction();
    tx.begin();
    channel.take();
    channel.take();
    channel.take();
    assertThatThrownBy(channel::take).isInstanceOf(ChannelException.class)
        .hasMessageContaining("may take at most 3 events");
    tx.rollback();
    tx.close();
  }

  @Test
  void aFullChannelWaitsKeepAliveThenRefusesThePutsOfTheCommit() {
    channel = started(dir, "capacity", "3", "transactionCapacity", "3", "keep-alive", "1");
    putCommitted(channel, "1", "2");
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(event("3"));
    channel.put(event("4"));
    long started = System.nanoTime();
    assertThatThrownBy(tx::commit).isInstanceOf(ChannelFullException.class)
        .hasMessageContaining("Channel c1 is full: it holds 2 of its capacity of 3 events");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    tx.rollback();
    tx.close();

    assertThat(drain(channel)).containsExactly("1", "2");
  }

  @Test
  void aPutWaitingForRoomGoesThroughWhenATakeCommits() throws Exception {
    channel = started(dir, "capacity", "2", "transactionCapacity", "2", "keep-alive", "30");
    putCommitted(channel, "1", "2");
    AtomicReference<Thread> putter = new AtomicReference<>();
    Future<?> blocked = other.submit(() -> {
      putter.set(Thread.currentThread());
      putCommitted(channel, "3");
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> putter.get() != null
        && putter.get().getState() == Thread.State.TIMED_WAITING); // waiting for room

    assertThat(takeCommitted(channel, 1)).containsExactly("1");
    blocked.get(10, TimeUnit.SECONDS);
    assertThat(drain(channel)).containsExactly("2", "3");
  }

  @Test
  void takenButUncommittedEventsStillOccupyTheChannel() {
    channel = started(dir, "capacity", "2", "transactionCapacity", "2", "keep-alive", "0");
    putCommitted(channel, "1", "2");
    Transaction taking = channel.getTransaction();
    taking.begin();
    channel.take();

    assertThatThrownBy(() -> other.submit(() -> putCommitted(channel, "3"))
        .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ChannelFullException.class);
    taking.rollback();
    taking.close();
  }

  @Test
  void countersUseFlumesNames() {
    channel = started(dir, "capacity", "10", "transactionCapacity", "10");
    putCommitted(channel, "a", "b", "c");
    takeCommitted(channel, 2);

    Map<String, Object> counters = channel.getCounter().attributes();
    assertThat(counters).containsEntry("EventPutAttemptCount", 3L)
        .containsEntry("EventPutSuccessCount", 3L)
        .containsEntry("EventTakeSuccessCount", 2L)
        .containsEntry("ChannelSize", 1L)
        .containsEntry("ChannelCapacity", 10L)
        .containsEntry("ChannelFillPercentage", 10.0)
        .containsEntry("Unhealthy", 0L)
        .containsKeys("EventTakeAttemptCount", "EventPutErrorCount", "EventTakeErrorCount",
            "CheckpointWriteErrorCount", "CheckpointBackupWriteErrorCount", "LogFsyncCount");
  }

  @Test
  void anInterruptedThreadCommitsAndTakesWithoutClosingTheLogForOthers() throws Exception {
    channel = started(dir);
    boolean stillInterrupted;
    List<String> taken;
    Thread.currentThread().interrupt(); // as a source thread the agent is stopping
    try {
      putCommitted(channel, "while interrupted");
      putCommitted(channel, "again");
      taken = takeCommitted(channel, 1);
    } finally {
      stillInterrupted = Thread.interrupted();
    }

    assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
    assertThat(taken).containsExactly("while interrupted");
    assertThat(takeElsewhere(10)).containsExactly("again");
    putCommitted(channel, "after");
    assertThat(takeElsewhere(10)).containsExactly("after");
  }

  @Test
  void aStoppedChannelRefusesTransactionsSayingSo() {
    channel = started(dir);
    channel.stop();
    Transaction tx = channel.getTransaction();

    assertThatThrownBy(tx::begin).isInstanceOf(ChannelException.class)
        .hasMessage("channel c1 is not running");
    channel = null;
  }
}
