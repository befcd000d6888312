package io.flumelab.labs.resumable;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentCounters;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import io.flumelab.labs.resumable.LogLines.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source of {@code jobs/resumable.conf} in a real agent: it follows RESUME_DIR/app.log and sends
 * each line through a file channel and an avro sink to d1, which writes what it receives into
 * RESUME_DIR/received. Every test reads d1's files, so it judges what the source did, not how.
 */
@LabTest
@DisplayName("Lab 09: a file source that resumes where it stopped")
class ResumableSourceIT {

  /** The job's {@code interval}: how long the source waits at the end of the file. */
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final int MONITORING_PORT = 44493;
  /** Duplicates a kill may cause: the lines of one batch handed over but not yet recorded. */
  private static final int DUPLICATES_PER_KILL = 100;

  private final Path job = Lab.file("jobs/resumable.conf");

  @TempDir
  Path dir;

  private AgentProcess startSource(Agents agents, String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "-DRESUME_DIR=" + dir;
    System.arraycopy(options, 0, args, 1, options.length);
    return agents.start("a1", job, args);
  }

  private AppLog appLog() {
    return new AppLog(dir.resolve("app.log"));
  }

  @Test
  @Order(1)
  @Points(15)
  @DisplayName("every line appended to app.log arrives once, whole and in order, Chinese text included")
  void followsTheFile(Agents agents) {
    Downstream d1 = Downstream.start(agents, dir);
    AppLog log = appLog();
    log.append(1, 50, true);
    AgentProcess a1 = startSource(agents);
    log.append(51, 100, false);
    log.append(101, 200, true);

    Received received = d1.awaitReceived(numbers(1, 200), "before and after the agent started", a1);

    assertThat(received.numbers()).as("the line numbers d1 received, in order")
        .isEqualTo(numbers(1, 200));
  }

  @Test
  @Order(2)
  @Points(10)
  @DisplayName("started before app.log exists, the source waits for it and then reads it")
  void waitsForTheFile(Agents agents) {
    Downstream d1 = Downstream.start(agents, dir);
    AgentProcess a1 = startSource(agents);
    AppLog log = appLog();
    assertThat(Files.exists(log.path())).as("app.log before the test writes it").isFalse();

    log.append(1, 20, false);

    d1.awaitReceived(numbers(1, 20), "after the agent started (app.log did not exist when it "
        + "started: the source must wait for it rather than fail once and for all)", a1);
  }

  @Test
  @Order(3)
  @Points(10)
  @DisplayName("a line written in two parts becomes one event once its newline is written, not two")
  void waitsForTheEndOfALine(Agents agents) {
    Downstream d1 = Downstream.start(agents, dir);
    AppLog log = appLog();
    log.append(1, 10, false);
    AgentProcess a1 = startSource(agents);
    d1.awaitReceived(numbers(1, 10), "first", a1);

    byte[] line11 = (LogLines.line(11, true) + "\n").getBytes(StandardCharsets.UTF_8);
    // cut inside the three bytes of a Chinese character: the first write ends mid-character
    int cut = "000011 日".getBytes(StandardCharsets.UTF_8).length + 1;
    log.write(Arrays.copyOfRange(line11, 0, cut));
    try {
      Awaitility.await().during(INTERVAL.multipliedBy(10)).atMost(INTERVAL.multipliedBy(20))
          .pollInterval(Duration.ofMillis(100)).until(() -> d1.received().numbers().size() == 10
              && d1.received().garbled().isEmpty());
    } catch (ConditionTimeoutException e) {
      Received now = d1.received();
      throw new AssertionError("While line 11 was half written (no newline yet), d1 received "
          + (now.garbled().isEmpty() ? "lines " + LogLines.ranges(now.numbers().subList(10,
          now.numbers().size())) : "'" + now.garbled().get(0) + "'") + ". A line is whole only "
          + "once its newline is written: leave the rest in the file for the next read.", e);
    }
    log.write(Arrays.copyOfRange(line11, cut, line11.length));
    log.append(12, 12, true);

    Received received = d1.awaitReceived(numbers(11, 12), "in two parts, then whole", a1);

    assertThat(received.numbers()).as("the line numbers d1 received").isEqualTo(numbers(1, 12));
  }

  @Test
  @Order(4)
  @Points(15)
  @DisplayName("stopped and started again, the source goes on where it stopped: no line lost, none twice")
  void resumesAfterAStop(Agents agents) {
    Downstream d1 = Downstream.start(agents, dir);
    AppLog log = appLog();
    log.append(1, 100, false);
    AgentProcess a1 = startSource(agents);
    d1.awaitReceived(numbers(1, 100), "before the stop", a1);

    int status = a1.stop();
    log.append(101, 200, false);
    a1.restart();
    Received received = d1.awaitReceived(numbers(101, 200), "while the agent was stopped", a1);

    assertThat(status).as("the exit status of a1 after SIGTERM").isZero();
    assertThat(received.duplicates()).as("lines that arrived twice after a clean stop and start "
        + "(the offset saved must be the position after the last line the channel accepted, and "
        + "be saved before the source stops): %s", received.numbers()).isZero();
  }

  @Test
  @Order(5)
  @Points(15)
  @DisplayName("when the channel is full the source waits and offers the same lines again: all arrive once the channel drains")
  void keepsReadingWhenTheChannelIsFull(Agents agents) {
    AppLog log = appLog();
    log.append(1, 3000, false);
    AgentProcess a1 = startSource(agents, "-Dflume.monitoring.type=http",
        "-Dflume.monitoring.port=" + MONITORING_PORT);
    // d1 is down: the avro sink takes nothing, the channel fills, and puts are refused
    try {
      Awaitility.await().atMost(Downstream.ARRIVES).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            AgentCounters counters = AgentCounters.read(MONITORING_PORT);
            String channel = counters.onlyChannel();
            return counters.channel(channel, "ChannelSize")
                == counters.channel(channel, "ChannelCapacity")
                && counters.channel(channel, "EventPutAttemptCount")
                > counters.channel(channel, "EventPutSuccessCount");
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("a1's channel never filled up and refused a put "
          + "while d1 was down and 3000 lines waited in app.log: keep its capacity at 1000, as the "
          + "job gives it", e);
    }

    Downstream d1 = Downstream.start(agents, dir);
    Received received = d1.awaitReceived(numbers(1, 3000), "while the channel was full (a put "
        + "into a full channel throws ChannelException, a RuntimeException: catch it, wait, and "
        + "offer the same lines again)", a1, Downstream.ARRIVES_AFTER_OUTAGE);

    assertThat(received.duplicates()).as("lines that arrived twice: a refused put leaves "
        + "nothing in the channel, so the lines offered again were not there yet").isZero();
  }

  @Test
  @Order(6)
  @Points(15)
  @DisplayName("a rotated app.log (renamed, then a new one) and a truncated one are noticed and read from their start")
  void noticesRotationAndTruncation(Agents agents) throws IOException {
    Downstream d1 = Downstream.start(agents, dir);
    AppLog log = appLog();
    log.append(1, 50, false);
    AgentProcess a1 = startSource(agents);
    d1.awaitReceived(numbers(1, 50), "before the rotation", a1);

    Files.move(log.path(), dir.resolve("app.log.1"));
    log.append(51, 100, false);
    d1.awaitReceived(numbers(51, 100), "into a new app.log after the old one was renamed to "
        + "app.log.1 (the source must notice that the name now means another file: compare the "
        + "file's key, its inode, with the one it has open)", a1);

    log.truncate();
    log.append(101, 110, false);
    Received received = d1.awaitReceived(numbers(101, 110), "after app.log was cut to nothing "
        + "(a file shorter than the saved offset was truncated: read it from its start)", a1);

    assertThat(received.numbers()).as("the line numbers d1 received").isEqualTo(numbers(1, 110));
  }

  @Test
  @Order(7)
  @Points(20)
  @DisplayName("killed with SIGKILL five times while app.log grows, restarted each time: no line lost or split, few twice")
  void survivesKill9(Agents agents) throws InterruptedException {
    long seed = Long.getLong("lab09.seed", System.nanoTime());
    Random random = new Random(seed);
    Downstream d1 = Downstream.start(agents, dir);
    AppLog log = appLog();
    Writer writer = new Writer(log);
    writer.start();
    writer.awaitFirstLines();
    AgentProcess a1 = startSource(agents);
    int kills = 5;
    try {
      for (int kill = 1; kill <= kills; kill++) {
        int before = d1.received().numbers().size();
        awaitProgress(d1, before, a1);
        Thread.sleep(random.nextInt(500)); // a random moment to kill at, not a wait for a condition
        a1.kill();
        a1.restart();
      }
    } finally {
      writer.stopWriting();
    }
    Received received = d1.awaitReceived(numbers(1, writer.written()), "while the agent was "
        + "killed and restarted " + kills + " times (seed " + seed + ", -Dlab09.seed to repeat)",
        a1, Downstream.ARRIVES_AFTER_OUTAGE);

    System.out.printf("lab 09: %d lines written, %d kills, %d duplicates (seed %d)%n",
        writer.written(), kills, received.duplicates(), seed);
    assertThat(received.duplicates()).as("lines that arrived twice over %d kills (seed %d): a "
        + "kill between the channel's commit and the offset's write repeats at most one batch; "
        + "more means the offset went back, for example an offset file rewritten in place that a "
        + "kill left empty, read as 0", kills, seed).isLessThanOrEqualTo(kills * DUPLICATES_PER_KILL);
  }

  /** Waits until d1 received more lines than it had: the restarted source reads again. */
  private static void awaitProgress(Downstream d1, int before, AgentProcess a1) {
    try {
      Awaitility.await().atMost(Downstream.ARRIVES).pollInterval(Duration.ofMillis(100))
          .until(() -> d1.received().numbers().size() > before);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("d1 received no new line within " + Downstream.ARRIVES.toSeconds()
          + " s of a1's start while app.log grew" + (a1.isAlive() ? "" : ": a1 is not running"), e);
    }
    Downstream.assertWhole(d1.received());
  }

  /** Appends numbered lines, Chinese and ASCII by turns, a few at a time, until stopped. */
  private static final class Writer extends Thread {

    private final AppLog log;
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final AtomicInteger written = new AtomicInteger();

    Writer(AppLog log) {
      super("app-log-writer");
      this.log = log;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (writing.get()) {
        int from = written.get() + 1;
        int to = from + 9;
        log.append(from, to, (from / 10) % 2 == 0);
        written.set(to);
        try {
          Thread.sleep(5); // the pace of an application writing its log
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Waits until app.log exists, so the agent starts with something to read. */
    void awaitFirstLines() {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > 0);
    }

    void stopWriting() throws InterruptedException {
      writing.set(false);
      join();
    }

    int written() {
      return written.get();
    }
  }

  private static List<Integer> numbers(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().toList();
  }
}
