package io.flumelab.labs.interceptors;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.LocalFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Lines of three kinds and the directories their sinks write: {@code letter/}, {@code number/} and
 * {@code other/} under the lab's directory. A line's kind is what the interceptor must say of it.
 */
final class Routed {

  static final List<String> KINDS = List.of("letter", "number", "other");

  private static final Duration ARRIVES = Duration.ofSeconds(20);
  /** How long the directories must stay as they are before they are judged. */
  private static final Duration SETTLED = Duration.ofMillis(800);

  private final Map<String, List<String>> expected = new LinkedHashMap<>();

  Routed(List<String> letters, List<String> numbers, List<String> others) {
    expected.put("letter", letters);
    expected.put("number", numbers);
    expected.put("other", others);
  }

  /** Every line, in the order to send them: the kinds mixed. */
  List<String> mixed() {
    List<String> all = new ArrayList<>();
    int longest = expected.values().stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (List<String> lines : expected.values()) {
        if (i < lines.size()) {
          all.add(lines.get(i));
        }
      }
    }
    return all;
  }

  /**
   * Waits until every line is in some directory and the directories have stopped changing, then
   * asserts that each holds exactly the lines of its kind, each once. {@code why} explains a
   * failure (the notes' faults found in the job).
   */
  void assertRouted(Path dir, String why) {
    List<String> all = mixed();
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(100))
          .until(() -> written(dir).values().stream().flatMap(List::stream).toList()
              .containsAll(all));
      // a line that went to several channels may still be on its way to the slower sinks
      AtomicInteger lastCount = new AtomicInteger(-1);
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(100)).during(SETTLED)
          .until(() -> {
            int count = written(dir).values().stream().mapToInt(List::size).sum();
            return lastCount.getAndSet(count) == count;
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Within " + ARRIVES.toSeconds() + " s not every line sent reached a "
          + "directory: " + written(dir) + what(why), e);
    }
    Map<String, List<String>> written = written(dir);
    String diagnosis = diagnose(written) + what(why);
    for (String kind : KINDS) {
      assertThat(written.get(kind))
          .as("the lines in %s/ (the sink of the channel mapped to %s)%s. Each line must reach "
              + "the channel its header names, once. %s", kind, kind,
              kind.equals("other") ? ", the default channel: no mapping for other" : "", diagnosis)
          .containsExactlyInAnyOrderElementsOf(expected.get(kind));
    }
  }

  private String diagnose(Map<String, List<String>> written) {
    List<String> all = mixed();
    if (KINDS.stream().filter(kind -> written.get(kind).containsAll(all)).count() > 1) {
      return "Every line went to several channels: r1's selector is replicating, the default, so "
          + "the selector's keys are not read as r1's.";
    }
    if (written.get("other").containsAll(all)) {
      return "Every line went to the default channel: the selector finds no header of the name it "
          + "is given on the events, or the interceptor does not set letter / number.";
    }
    return "";
  }

  private static String what(String why) {
    return why.isEmpty() ? "" : "\n" + why;
  }

  /** The lines each kind's directory holds now. */
  static Map<String, List<String>> written(Path dir) {
    Map<String, List<String>> written = new LinkedHashMap<>();
    Stream.of("letter", "number", "other")
        .forEach(kind -> written.put(kind, LocalFiles.completeLines(dir.resolve(kind))));
    return written;
  }
}
