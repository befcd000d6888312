package io.flumelab.labs.durability;

import io.flumelab.harness.LineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A client of a netcat source, like {@code nc}, that sends numbered lines one at a time, waits for
 * each answer, and remembers which lines were acknowledged with {@code OK}.
 */
final class NumberedLines implements AutoCloseable {

  static final Pattern LINE = Pattern.compile("line (\\d+)");
  /** Longer than any keep-alive the lab uses: a full channel answers FAILED after keep-alive. */
  private static final Duration ANSWER = Duration.ofSeconds(15);

  private final String host;
  private final int port;
  private final SortedSet<Integer> acknowledged = new TreeSet<>();
  private LineClient client;

  NumberedLines(String host, int port) {
    this.host = host;
    this.port = port;
    this.client = LineClient.connect(host, port);
  }

  /** Connects again, to an agent started again. */
  void reconnect() {
    client.close();
    client = LineClient.connect(host, port);
  }

  /** Sends "line n" and returns the answer: OK, FAILED: why, or null if none came. */
  String send(int n) {
    String answer = client.send("line " + n).readLine(ANSWER);
    if ("OK".equals(answer)) {
      acknowledged.add(n);
    }
    return answer;
  }

  /** Sends lines from to to, each of which must be answered OK. */
  void sendAcknowledged(int from, int to, String when) {
    for (int n = from; n <= to; n++) {
      String answer = send(n);
      if (!"OK".equals(answer)) {
        throw new AssertionError("line " + n + ", sent " + when + ", was answered "
            + (answer == null ? "nothing within " + ANSWER.toSeconds() + " s" : answer)
            + " instead of OK");
      }
    }
  }

  /**
   * Offers line n until it is answered OK, as a client does that backs off and retries after
   * FAILED (each FAILED comes after the channel's keep-alive, which paces the retries).
   */
  void sendUntilAcknowledged(int n, Duration atMost) {
    List<String> answers = new ArrayList<>();
    try {
      Awaitility.await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            String answer = send(n);
            answers.add(answer);
            return "OK".equals(answer);
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("line " + n + " was never answered OK within " + atMost.toSeconds()
          + " s; the last answers: " + answers.subList(Math.max(0, answers.size() - 3),
          answers.size()), e);
    }
  }

  SortedSet<Integer> acknowledged() {
    return new TreeSet<>(acknowledged);
  }

  /** Numbers in order as ranges, for messages: {@code 101-150, 160}. */
  static String ranges(Collection<Integer> numbers) {
    List<String> ranges = new ArrayList<>();
    Integer start = null;
    Integer previous = null;
    for (int n : new TreeSet<>(numbers)) {
      if (previous != null && n == previous + 1) {
        previous = n;
        continue;
      }
      if (start != null) {
        ranges.add(start.equals(previous) ? "" + start : start + "-" + previous);
      }
      start = n;
      previous = n;
    }
    if (start != null) {
      ranges.add(start.equals(previous) ? "" + start : start + "-" + previous);
    }
    return ranges.isEmpty() ? "none" : String.join(", ", ranges);
  }

  @Override
  public void close() {
    client.close();
  }
}
