package io.flumelab.cluster.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The lines a file_roll sink wrote, in the order it wrote them: files by start time, then n. */
final class RolledLines {

  private RolledLines() {}

  static List<String> read(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      List<String> lines = new ArrayList<>();
      for (Path file : files.sorted(Comparator.comparingLong((Path p) -> part(p, 0))
          .thenComparingLong(p -> part(p, 1))).toList()) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code <startMillis>-<n>}: part 0 or 1 as a number. */
  private static long part(Path file, int index) {
    return Long.parseLong(file.getFileName().toString().split("-")[index]);
  }
}
