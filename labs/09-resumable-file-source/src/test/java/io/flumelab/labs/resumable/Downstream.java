package io.flumelab.labs.resumable;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LocalFiles;
import io.flumelab.labs.resumable.LogLines.Received;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The next hop: agent d1 of {@code given/downstream.conf}, an avro source on localhost:44492
 * writing each event as a line into {@code RESUME_DIR/received}.
 */
final class Downstream {

  static final String HOST = "localhost";
  static final int PORT = 44492;
  /** How long a line may take to arrive while d1 is up: the source waits an interval at most. */
  static final Duration ARRIVES = Duration.ofSeconds(20);
  /** How long after d1 came up: the avro sink that failed waits up to 30 s before trying again. */
  static final Duration ARRIVES_AFTER_OUTAGE = Duration.ofSeconds(60);

  private final Path received;

  private Downstream(Path received) {
    this.received = received;
  }

  /** Starts d1 with {@code -DRESUME_DIR=dir} and waits until its avro source listens. */
  static Downstream start(Agents agents, Path dir) {
    Path received = dir.resolve("received");
    try {
      Files.createDirectories(received);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    agents.start("d1", Lab.given("downstream.conf"), "-DRESUME_DIR=" + dir)
        .awaitListening(HOST, PORT);
    return new Downstream(received);
  }

  Received received() {
    return Received.of(LocalFiles.completeLines(received));
  }

  /**
   * Waits until every one of these lines arrived, and fails at once when a line arrives that the
   * test never wrote (decoded wrongly, half a line, two glued together).
   */
  Received awaitReceived(Collection<Integer> numbers, String when, AgentProcess source) {
    return awaitReceived(numbers, when, source, ARRIVES);
  }

  Received awaitReceived(Collection<Integer> numbers, String when, AgentProcess source,
      Duration within) {
    AtomicReference<Received> last = new AtomicReference<>(received());
    try {
      Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
        Received now = received();
        last.set(now);
        return !now.garbled().isEmpty() || now.containsAll(numbers);
      });
    } catch (ConditionTimeoutException e) {
      Received now = last.get();
      throw new AssertionError(now.missing(numbers).size() + " of the " + numbers.size()
          + " lines written " + when + " did not arrive within " + within.toSeconds() + " s: "
          + LogLines.ranges(now.missing(numbers)) + ". " + (source.isAlive()
          ? "The agent is running: does your reading thread still run? An exception it does not "
          + "catch ends it without a word in the log."
          : "The agent a1 is not running: see its output above."), e);
    }
    assertWhole(last.get());
    return last.get();
  }

  /** Every line d1 received is one the test wrote, whole and decoded as written. */
  static void assertWhole(Received received) {
    if (!received.garbled().isEmpty()) {
      String first = received.garbled().get(0);
      throw new AssertionError("d1 received " + received.garbled().size() + " line(s) the test "
          + "never wrote, the first: '" + first + "'. Each line must reach the channel whole and "
          + "decoded with the configured charset (UTF-8): RandomAccessFile.readLine() turns each "
          + "byte into a character (Latin-1), which makes mojibake of Chinese text, and returns "
          + "whatever is at the end of the file, even half a line that the application is still "
          + "writing.");
    }
  }
}
