package io.flumelab.labs.interceptors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;

/**
 * What CountInterceptor prints when its producer closes it: {@code success=N} and
 * {@code error=N}, each on a line of its own. The producer is closed on the test's thread, which
 * is where the producer calls its interceptors' close().
 */
record CloseReport(long success, long error, String printed) {

  private static final Pattern SUCCESS = Pattern.compile("^\\s*success\\s*=\\s*(\\d+)\\s*$");
  private static final Pattern ERROR = Pattern.compile("^\\s*error\\s*=\\s*(\\d+)\\s*$");

  /** Closes the producer and reads the counts it printed to standard output meanwhile. */
  static CloseReport closing(Producer<String, String> producer) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    try {
      producer.close();
    } finally {
      System.out.flush();
      System.setOut(original);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    List<String> lines = printed.lines().toList();
    return new CloseReport(count(lines, SUCCESS, "success", printed),
        count(lines, ERROR, "error", printed), printed);
  }

  private static long count(List<String> lines, Pattern pattern, String name, String printed) {
    List<Long> counts = lines.stream().map(pattern::matcher).filter(Matcher::matches)
        .map(m -> Long.parseLong(m.group(1))).toList();
    assertThat(counts).as("the lines %s=N printed while the producer closed (CountInterceptor's "
        + "close() prints success=N and error=N, each on a line of its own, with "
        + "System.out.println); it printed:%n%s", name, printed).hasSize(1);
    return counts.get(0);
  }

  /** Writes to both streams: what the interceptor prints still shows in the test's output. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      try {
        first.write(bytes, offset, length);
        second.write(bytes, offset, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
