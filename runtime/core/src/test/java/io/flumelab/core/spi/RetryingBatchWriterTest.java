package io.flumelab.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Interceptor;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryingBatchWriterTest {

  /** Two events fill it; a put that does not fit is refused at once (keep-alive 0). */
  private final MemoryChannel channel = memoryChannel();
  private final SourceCounter counter = new SourceCounter("r1");
  private final Reports reports = new Reports();
  private final ExecutorService background = Executors.newCachedThreadPool();
  private final List<RetryingBatchWriter> writers = new ArrayList<>();

  private static MemoryChannel memoryChannel() {
    MemoryChannel channel = new MemoryChannel();
    channel.setName("c1");
    channel.configure(new Context(Map.of("capacity", "2", "transactionCapacity", "2",
        "keep-alive", "0")));
    channel.start();
    return channel;
  }

  @AfterEach
  void stopWritersAndChannel() {
    writers.forEach(writer -> writer.stop(0));
    background.shutdownNow();
    channel.stop();
  }

  private DefaultChannelProcessor processor(Interceptor... interceptors) {
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    selector.configure(new Context(Map.of()));
    return new DefaultChannelProcessor(selector, List.of(interceptors));
  }

  private RetryingBatchWriter writer(long firstPause, long maxPause) {
    RetryingBatchWriter writer = new RetryingBatchWriter(processor(), counter, firstPause,
        maxPause);
    writers.add(writer);
    return writer;
  }

  private CompletableFuture<Boolean> writeInBackground(RetryingBatchWriter writer,
      List<Event> batch) {
    return CompletableFuture.supplyAsync(() -> writer.write(batch, reports), background);
  }

  private static List<Event> events(String... bodies) {
    List<Event> events = new ArrayList<>();
    for (String body : bodies) {
      events.add(EventBuilder.withBody(body, StandardCharsets.UTF_8));
    }
    return events;
  }

  /** Takes what the channel holds: at most its capacity, 2, so one transaction does. */
  private List<String> drain() {
    List<String> bodies = new ArrayList<>();
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (int i = 0; i < 2; i++) {
      Event event = NonWaitingTake.takeFrom(channel);
      if (event != null) {
        bodies.add(new String(event.getBody(), StandardCharsets.UTF_8));
      }
    }
    tx.commit();
    tx.close();
    return bodies;
  }

  @Test
  void aBatchTheChannelsTakeIsCommittedAndCountedOnce() {
    boolean taken = writer(10, 40).write(events("a", "b"), reports);

    assertThat(taken).isTrue();
    assertThat(drain()).containsExactly("a", "b");
    assertThat(counter.getEventAcceptedCount()).isEqualTo(2);
    assertThat(counter.getChannelWriteFail()).isZero();
    assertThat(reports.all).isEmpty();
  }

  @Test
  void aRefusedBatchIsHeldAndRetriedUntilTheChannelsTakeIt() {
    writer(10, 40).write(events("x", "y"), reports);
    CompletableFuture<Boolean> write = writeInBackground(writer(10, 40), events("a", "b"));

    await().atMost(Duration.ofSeconds(10)).until(() -> reports.refusals.get() >= 3);
    assertThat(write).isNotDone();
    assertThat(drain()).containsExactly("x", "y");

    assertThat(write).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
    assertThat(drain()).containsExactly("a", "b");
    int refusals = reports.refusals.get();
    assertThat(counter.getChannelWriteFail()).isEqualTo(refusals);
    assertThat(counter.getEventAcceptedCount()).isEqualTo(4);
    assertThat(reports.all).last().isEqualTo("took 2 after " + refusals);
  }

  @Test
  void thePauseDoublesUpToItsBound() {
    writer(10, 40).write(events("x", "y"), reports);
    writeInBackground(writer(10, 40), events("a"));

    await().atMost(Duration.ofSeconds(10)).until(() -> reports.refusedAtNanos.size() >= 6);
    List<Long> at = List.copyOf(reports.refusedAtNanos);
    long[] least = {10, 20, 40, 40, 40};
    for (int i = 0; i < least.length; i++) {
      // the pauses are waits, so they last at least as long as asked; never shorter
      assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(i + 1) - at.get(i)))
          .as("pause %d", i + 1).isGreaterThanOrEqualTo(least[i]);
    }
  }

  @Test
  void stoppingWithoutGraceEndsThePauseAndGivesTheBatchUp() {
    writer(10, 40).write(events("x", "y"), reports);
    RetryingBatchWriter writer = writer(60_000, 60_000);
    CompletableFuture<Boolean> write = writeInBackground(writer, events("a"));
    await().atMost(Duration.ofSeconds(10)).until(() -> reports.refusals.get() == 1);

    writer.stop(0);

    assertThat(write).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(false);
    assertThat(reports.all).containsExactly("refused 1 (1)", "gave up 1 after 1");
    assertThat(drain()).containsExactly("x", "y");
    assertThat(writer.isStopping()).isTrue();
  }

  @Test
  void afterAStopRefusedBatchesAreRetriedWithinTheGrace() {
    writer(10, 40).write(events("x", "y"), reports);
    RetryingBatchWriter writer = writer(10, 40);
    CompletableFuture<Boolean> write = writeInBackground(writer, events("a"));
    await().atMost(Duration.ofSeconds(10)).until(() -> reports.refusals.get() >= 1);

    writer.stop(60_000);
    int refusedBeforeTheStop = reports.refusals.get();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> reports.refusals.get() >= refusedBeforeTheStop + 2);
    assertThat(write).isNotDone();
    drain();

    assertThat(write).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
    assertThat(drain()).containsExactly("a");
  }

  @Test
  void aBatchStillRefusedWhenTheGraceIsOverIsGivenUp() {
    writer(10, 40).write(events("x", "y"), reports);
    RetryingBatchWriter writer = writer(10, 40);
    CompletableFuture<Boolean> write = writeInBackground(writer, events("a"));
    await().atMost(Duration.ofSeconds(10)).until(() -> reports.refusals.get() >= 1);

    writer.stop(100);

    assertThat(write).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(false);
    assertThat(reports.all).last().asString().startsWith("gave up 1 after");
  }

  @Test
  void theFirstAttemptIsMadeEvenAfterAStop() {
    RetryingBatchWriter writer = writer(10, 40);
    writer.stop(0);

    assertThat(writer.write(events("a"), reports)).isTrue();
    assertThat(drain()).containsExactly("a");
  }

  @Test
  void anotherFailureEndsTheWriteUnlessTheReporterRetriesIt() {
    AtomicInteger failuresLeft = new AtomicInteger(2);
    Interceptor failing = new Interceptor() {
      @Override
      public void initialize() {}

      @Override
      public Event intercept(Event event) {
        return event;
      }

      @Override
      public List<Event> intercept(List<Event> events) {
        if (failuresLeft.getAndDecrement() > 0) {
          throw new IllegalStateException("broken interceptor");
        }
        return events;
      }

      @Override
      public void close() {}
    };
    RetryingBatchWriter writer = new RetryingBatchWriter(processor(failing), counter, 10, 40);
    writers.add(writer);

    assertThatThrownBy(() -> writer.write(events("a"), reports))
        .isInstanceOf(IllegalStateException.class).hasMessage("broken interceptor");
    assertThat(counter.getChannelWriteFail()).isZero();

    List<Integer> retried = new CopyOnWriteArrayList<>();
    boolean taken = writer.write(events("b"), new RetryingBatchWriter.Reporter() {
      @Override
      public void refused(int events, int failures, ChannelException refusal) {}

      @Override
      public void failed(int events, int failures, RuntimeException failure) {
        retried.add(failures);
      }
    });

    assertThat(taken).isTrue();
    assertThat(retried).containsExactly(1);
    assertThat(drain()).containsExactly("b");
  }

  @Test
  void pausesMustBePositive() {
    assertThatThrownBy(() -> writer(0, 40)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer(10, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Records what the writer reports, in order. */
  private static final class Reports implements RetryingBatchWriter.Reporter {
    final List<String> all = new CopyOnWriteArrayList<>();
    final List<Long> refusedAtNanos = new CopyOnWriteArrayList<>();
    final AtomicInteger refusals = new AtomicInteger();

    @Override
    public void refused(int events, int failures, ChannelException refusal) {
      refusedAtNanos.add(System.nanoTime());
      refusals.incrementAndGet();
      all.add("refused " + events + " (" + failures + ")");
    }

    @Override
    public void tookAfter(int events, int failures) {
      all.add("took " + events + " after " + failures);
    }

    @Override
    public void gaveUp(int events, int failures) {
      all.add("gave up " + events + " after " + failures);
    }
  }
}
