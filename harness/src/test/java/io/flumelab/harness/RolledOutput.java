package io.flumelab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a file_roll sink wrote, run by run, read as bytes: each start of the sink begins a series
 * of files named {@code <startMillis>-<n>}, and a series is one run of the agent. Only lines ended
 * by a newline count as written; bytes after a file's last newline are a partial line, what a kill
 * in the middle of a write leaves, and are kept apart.
 */
final class RolledOutput {

  private static final Pattern NAME = Pattern.compile("(\\d+)-(\\d+)");

  /** A line cut short: the bytes after the last newline of a file. */
  record Partial(Path file, boolean lastOfItsRun, String text) {}

  /**
   * One run of the sink: its start (from the file names) and the numbers of its complete lines,
   * in order; a complete line that is not a number of {@code digits} digits is -1 there.
   */
  record Run(long startMillis, List<Path> files, int[] numbers) {}

  /** A complete line that is not a well-formed number. */
  record Malformed(Path file, int line, String text) {}

  private final List<Run> runs;
  private final List<Partial> partials;
  private final List<Malformed> malformed;

  private RolledOutput(List<Run> runs, List<Partial> partials, List<Malformed> malformed) {
    this.runs = runs;
    this.partials = partials;
    this.malformed = malformed;
  }

  /**
   * Reads every file of the directory, whose lines should be numbers of {@code digits} digits; a
   * file of another name is an error.
   */
  static RolledOutput read(Path directory, int digits) {
    Map<Long, List<Path>> series = new LinkedHashMap<>();
    try (Stream<Path> listing = Files.list(directory)) {
      List<Path> files = listing.sorted(Comparator.comparingLong((Path p) -> part(p, 1))
          .thenComparingLong(p -> part(p, 2))).toList();
      for (Path file : files) {
        series.computeIfAbsent(part(file, 1), k -> new ArrayList<>()).add(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory, e);
    }
    List<Run> runs = new ArrayList<>();
    List<Partial> partials = new ArrayList<>();
    List<Malformed> malformed = new ArrayList<>();
    series.forEach((start, files) -> {
      IntList numbers = new IntList();
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        byte[] bytes = readBytes(file);
        int from = 0;
        int lineInFile = 0;
        for (int at = 0; at < bytes.length; at++) {
          if (bytes[at] == '\n') {
            int number = parse(bytes, from, at, digits);
            if (number < 0) {
              malformed.add(new Malformed(file, lineInFile, ascii(bytes, from, at)));
            }
            numbers.add(number);
            lineInFile++;
            from = at + 1;
          }
        }
        if (from < bytes.length) {
          partials.add(new Partial(file, i == files.size() - 1,
              ascii(bytes, from, bytes.length)));
        }
      }
      runs.add(new Run(start, List.copyOf(files), numbers.toArray()));
    });
    return new RolledOutput(runs, partials, malformed);
  }

  List<Malformed> malformed() {
    return malformed;
  }

  List<Run> runs() {
    return runs;
  }

  List<Partial> partials() {
    return partials;
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** The number {@code bytes[from, to)} spells with exactly {@code digits} digits, or -1. */
  private static int parse(byte[] bytes, int from, int to, int digits) {
    if (to - from != digits) {
      return -1;
    }
    int number = 0;
    for (int i = from; i < to; i++) {
      if (bytes[i] < '0' || bytes[i] > '9') {
        return -1;
      }
      number = number * 10 + (bytes[i] - '0');
    }
    return number;
  }

  /** ISO-8859-1 maps every byte to one char: damage shows as it is, never as a decoding error. */
  private static String ascii(byte[] bytes, int from, int to) {
    return new String(bytes, from, Math.min(to - from, 200), StandardCharsets.ISO_8859_1);
  }

  /** A growable int array: millions of lines without a boxed Integer each. */
  private static final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }

  private static long part(Path file, int group) {
    Matcher matcher = NAME.matcher(file.getFileName().toString());
    if (!matcher.matches()) {
      throw new AssertionError("The file_roll directory holds " + file
          + ", which is not named <startMillis>-<n>");
    }
    return Long.parseLong(matcher.group(group));
  }
}
