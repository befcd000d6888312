package io.flumelab.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.AbstractLifecycleComponent;
import io.flumelab.api.Channel;
import io.flumelab.api.ChannelException;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink.Status;
import io.flumelab.api.Transaction;
import io.flumelab.core.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggerSinkTest {

  /** Flume's logger sink's name, which log configurations written for Flume select events by. */
  private static final String LOGGER = "org.apache.flume.sink.LoggerSink";
  /** The sink's class, where its own warnings go. */
  private static final String CLASS_LOGGER = "io.flumelab.core.sink.LoggerSink";

  private LogCapture log;
  private ListChannel channel;
  private LoggerSink sink;

  @BeforeEach
  void setUp() {
    log = LogCapture.attach(LOGGER, Level.INFO);
    channel = new ListChannel("c1", 100);
    sink = sink(new Context());
  }

  @AfterEach
  void tearDown() {
    sink.stop();
    log.close();
  }

  private LoggerSink sink(Context context) {
    LoggerSink s = new LoggerSink();
    s.setName("k1");
    s.configure(context);
    s.setChannel(channel);
    s.start();
    return s;
  }

  private static Event event(String body) {
    return EventBuilder.withBody(body, StandardCharsets.UTF_8);
  }

  @Test
  void logsEachEventInFlumesLayoutAtInfoAndCommits() throws Exception {
    channel.fill(event("hello"), EventBuilder.withBody("hi\r".getBytes(StandardCharsets.US_ASCII),
        Map.of("host", "web1")));

    assertThat(sink.process()).isEqualTo(Status.READY);

    assertThat(log.lines()).containsExactly(
        "INFO Event: { headers:{} body: 68 65 6C 6C 6F                "
            + "                  hello }",
        "INFO Event: { headers:{host=web1} body: 68 69 0D                   "
            + "                     hi. }");
    assertThat(channel.size()).isZero();
    assertThat(channel.commits).isEqualTo(1);
    assertThat(channel.rollbacks).isZero();
    assertThat(channel.openTransactions()).isZero();
    assertThat(sink.getCounter().getEventDrainSuccessCount()).isEqualTo(2);
    assertThat(sink.getCounter().get("BatchUnderflowCount")).isEqualTo(1);
  }

  @Test
  void eventsGoToFlumesLoggerNameOnly() throws Exception {
    try (LogCapture classLog = LogCapture.attach(CLASS_LOGGER, Level.INFO)) {
      channel.fill(event("hello"));

      sink.process();

      assertThat(log.lines()).singleElement().asString().startsWith("INFO Event: { headers:{}");
      assertThat(classLog.lines()).isEmpty();
    }
  }

  @Test
  void aLogConfigForFlumesSinkPackageReceivesTheEvents() throws Exception {
    // as a Flume log4j config's log4j.logger.org.apache.flume.sink=INFO, file would
    log.close();
    log = LogCapture.attach("org.apache.flume.sink", Level.INFO);
    channel.fill(event("hello"));

    assertThat(sink.process()).isEqualTo(Status.READY);

    assertThat(log.lines()).singleElement().asString().startsWith("INFO Event: { headers:{}");
  }

  @Test
  void backsOffWhenTheChannelIsEmpty() throws Exception {
    assertThat(sink.process()).isEqualTo(Status.BACKOFF);
    assertThat(log.lines()).isEmpty();
    assertThat(sink.getCounter().getBatchEmptyCount()).isEqualTo(1);
    assertThat(channel.openTransactions()).isZero();
  }

  @Test
  void maxBytesToLogLimitsTheDump() throws Exception {
    sink.stop();
    sink = sink(new Context(Map.of("maxBytesToLog", "4")));
    channel.fill(event("0123456789"));

    sink.process();

    assertThat(log.lines()).containsExactly("INFO Event: { headers:{} body: "
        + "30 31 32 33                                     0123 }");
  }

  @Test
  void negativeMaxBytesToLogIsAConfigurationError() {
    assertThatThrownBy(() -> new LoggerSink().configure(new Context(Map.of("maxBytesToLog", "-1"))))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("maxBytesToLog"));
  }

  @Test
  void takesAtMostAHundredEventsPerTransaction() throws Exception {
    for (int i = 0; i < 250; i++) {
      channel.fill(event("e" + i));
    }

    assertThat(sink.process()).isEqualTo(Status.READY);
    assertThat(log.lines()).hasSize(100);
    assertThat(channel.size()).isEqualTo(150);
    assertThat(sink.getCounter().get("BatchCompleteCount")).isEqualTo(1);

    sink.process();
    sink.process();
    assertThat(sink.process()).isEqualTo(Status.BACKOFF);
    assertThat(log.lines()).hasSize(250);
    assertThat(log.lines().get(249)).endsWith("e249 }");
  }

  @Test
  void failureWhileLoggingRollsBackEveryEventOfTheBatch() {
    Event first = event("first");
    Event bad = new SimpleBrokenEvent();
    Event third = event("third");
    channel.fill(first, bad, third);

    assertThatThrownBy(() -> sink.process())
        .isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("Logger sink k1")
        .hasRootCauseInstanceOf(IllegalStateException.class);

    assertThat(channel.rollbacks).isEqualTo(1);
    assertThat(channel.commits).isZero();
    assertThat(channel.openTransactions()).isZero();
    assertThat(channel.contents()).containsExactly(first, bad, third);
    assertThat(sink.getCounter().get("EventWriteFail")).isEqualTo(1);
    assertThat(sink.getCounter().getEventDrainSuccessCount()).isZero();
  }

  @Test
  void failingTakeRollsBackAndIsReported() {
    channel.fill(event("a"));
    channel.failTakes = new ChannelException("channel c1 is stopped");

    assertThatThrownBy(() -> sink.process())
        .isInstanceOf(EventDeliveryException.class)
        .hasRootCauseMessage("channel c1 is stopped");
    assertThat(channel.rollbacks).isEqualTo(1);
    assertThat(channel.openTransactions()).isZero();
    assertThat(sink.getCounter().get("ChannelReadFail")).isEqualTo(1);
  }

  @Test
  void adaptsToAChannelWithASmallTransactionCapacityWithoutLosingOrRepeatingEvents()
      throws Exception {
    sink.stop();
    channel = new ListChannel("c1", 10);
    sink = sink(new Context());
    for (int i = 0; i < 25; i++) {
      channel.fill(event("e" + i));
    }

    List<String> warnings;
    try (LogCapture classLog = LogCapture.attach(CLASS_LOGGER, Level.WARN)) {
      for (int calls = 0; calls < 10 && sink.process() == Status.READY; calls++) {
        // drain
      }
      warnings = classLog.lines();
    }

    List<String> logged = new ArrayList<>();
    for (String line : log.lines()) {
      if (line.startsWith("INFO")) {
        logged.add(line.substring(line.lastIndexOf(' ', line.length() - 3) + 1,
            line.length() - 2));
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      expected.add("e" + i);
    }
    assertThat(logged).isEqualTo(expected);
    assertThat(warnings).singleElement().asString()
        .startsWith("WARN").contains("at most 10 events per transaction");
    assertThat(channel.size()).isZero();
  }

  @Test
  void startWithoutAChannelFails() {
    LoggerSink s = new LoggerSink();
    s.setName("k9");
    assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
    assertThat(s.getLifecycleState()).isEqualTo(LifecycleState.IDLE);
  }

  /** An event whose headers cannot be read, to make logging fail. */
  static final class SimpleBrokenEvent implements Event {
    @Override
    public Map<String, String> getHeaders() {
      throw new IllegalStateException("headers unavailable");
    }

    @Override
    public void setHeaders(Map<String, String> headers) {}

    @Override
    public byte[] getBody() {
      return new byte[0];
    }

    @Override
    public void setBody(byte[] body) {}
  }

  /**
   * A small real channel: a queue with per-thread transactions. A take beyond
   * {@code transactionCapacity} in one transaction fails, as in a memory channel.
   */
  static final class ListChannel extends AbstractLifecycleComponent implements Channel {
    private final int transactionCapacity;
    private final Deque<Event> queue = new ArrayDeque<>();
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private int open;
    volatile RuntimeException failTakes;
    int commits;
    int rollbacks;

    ListChannel(String name, int transactionCapacity) {
      setName(name);
      this.transactionCapacity = transactionCapacity;
    }

    synchronized void fill(Event... events) {
      queue.addAll(List.of(events));
    }

    synchronized int size() {
      return queue.size();
    }

    synchronized List<Event> contents() {
      return List.copyOf(queue);
    }

    synchronized int openTransactions() {
      return open;
    }

    @Override
    public void put(Event event) {
      tx().puts.add(event);
    }

    @Override
    public Event take() {
      Tx tx = tx();
      if (failTakes != null) {
        throw failTakes;
      }
      if (tx.taken.size() >= transactionCapacity) {
        throw new ChannelException("Take list for channel " + getName() + ", capacity "
            + transactionCapacity + " full");
      }
      synchronized (this) {
        Event event = queue.pollFirst();
        if (event != null) {
          tx.taken.add(event);
        }
        return event;
      }
    }

    private Tx tx() {
      Tx tx = current.get();
      if (tx == null || !tx.begun) {
        throw new IllegalStateException("no transaction begun");
      }
      return tx;
    }

    @Override
    public Transaction getTransaction() {
      Tx tx = current.get();
      if (tx == null) {
        tx = new Tx();
        current.set(tx);
      }
      return tx;
    }

    private final class Tx implements Transaction {
      final List<Event> puts = new ArrayList<>();
      final List<Event> taken = new ArrayList<>();
      boolean begun;
      boolean done;

      @Override
      public void begin() {
        if (begun) {
          throw new IllegalStateException("already begun");
        }
        begun = true;
        synchronized (ListChannel.this) {
          open++;
        }
      }

      @Override
      public void commit() {
        if (!begun || done) {
          throw new IllegalStateException("commit outside an open transaction");
        }
        synchronized (ListChannel.this) {
          queue.addAll(puts);
          commits++;
        }
        done = true;
      }

      @Override
      public void rollback() {
        if (!begun || done) {
          throw new IllegalStateException("rollback outside an open transaction");
        }
        synchronized (ListChannel.this) {
          for (int i = taken.size() - 1; i >= 0; i--) {
            queue.addFirst(taken.get(i));
          }
          rollbacks++;
        }
        done = true;
      }

      @Override
      public void close() {
        if (begun && !done) {
          throw new IllegalStateException("close before commit or rollback");
        }
        current.remove();
        if (begun) {
          synchronized (ListChannel.this) {
            open--;
          }
        }
      }
    }
  }
}
