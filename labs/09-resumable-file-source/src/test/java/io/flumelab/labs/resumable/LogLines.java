package io.flumelab.labs.resumable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines the tests write into app.log: a number, then text in Chinese or in ASCII, so a line
 * that arrives decoded wrongly, cut short or glued to the next is told apart from a whole one.
 */
final class LogLines {

  private static final Pattern LINE = Pattern.compile("(\\d{6}) (.*)");

  private LogLines() {}

  /** Line n: {@code 000012 日志 第12行：用户登录成功} or {@code 000012 log line 12 ok}. */
  static String line(int n, boolean chinese) {
    return String.format("%06d %s", n, chinese ? "日志 第" + n + "行：用户登录成功" : "log line " + n + " ok");
  }

  /** The number of a line exactly as {@link #line} writes it, or -1 for anything else. */
  static int number(String line) {
    Matcher matcher = LINE.matcher(line);
    if (!matcher.matches()) {
      return -1;
    }
    int n = Integer.parseInt(matcher.group(1));
    return line.equals(line(n, true)) || line.equals(line(n, false)) ? n : -1;
  }

  /** What a file_roll directory holds: the numbers of whole lines, in order, and the rest. */
  record Received(List<Integer> numbers, List<String> garbled) {

    static Received of(List<String> lines) {
      List<Integer> numbers = new ArrayList<>();
      List<String> garbled = new ArrayList<>();
      for (String line : lines) {
        int n = number(line);
        if (n < 0) {
          garbled.add(line);
        } else {
          numbers.add(n);
        }
      }
      return new Received(numbers, garbled);
    }

    boolean containsAll(Collection<Integer> expected) {
      return new TreeSet<>(numbers).containsAll(expected);
    }

    SortedSet<Integer> missing(Collection<Integer> expected) {
      SortedSet<Integer> missing = new TreeSet<>(expected);
      numbers.forEach(missing::remove);
      return missing;
    }

    /** Lines that arrived more than once: each extra arrival counts. */
    int duplicates() {
      return numbers.size() - new TreeSet<>(numbers).size();
    }
  }

  /** "1-100, 151, 153-160": sets of line numbers in messages. */
  static String ranges(Collection<Integer> numbers) {
    StringBuilder text = new StringBuilder();
    Integer start = null;
    Integer previous = null;
    for (int n : new TreeSet<>(numbers)) {
      if (previous != null && n == previous + 1) {
        previous = n;
        continue;
      }
      appendRange(text, start, previous);
      start = n;
      previous = n;
    }
    appendRange(text, start, previous);
    return text.isEmpty() ? "none" : text.toString();
  }

  private static void appendRange(StringBuilder text, Integer start, Integer end) {
    if (start == null) {
      return;
    }
    if (!text.isEmpty()) {
      text.append(", ");
    }
    text.append(start.equals(end) ? String.valueOf(start) : start + "-" + end);
  }
}
