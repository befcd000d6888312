package io.flumelab.grading;

import java.io.PrintStream;
import java.time.Duration;

/** Progress lines on stderr: which student of how many, which lab, its score and the time taken. */
final class Progress {

  private final PrintStream out;
  private final long start = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
  }

  void line(String text) {
    out.printf("flumelab grade: %s (%s in all)%n", text, format(elapsed()));
    out.flush();
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60 ? seconds + " s" : String.format("%d min %02d s", seconds / 60, seconds % 60);
  }
}
