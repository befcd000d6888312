package io.flumelab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a lab is in what a student handed in: {@code labs/NN-name} of a clone of the course's
 * repository, {@code NN-name} at the top, or, when one lab is graded, the top itself (its
 * {@code jobs/}, {@code src/main/}); an archive's one top-level folder is looked through.
 */
final class LabLocator {

  private static final int MAX_WRAPPERS = 3;

  private LabLocator() {}

  static Optional<Path> locate(Path root, String lab, boolean onlyLab) {
    Path dir = root;
    for (int depth = 0; depth <= MAX_WRAPPERS; depth++) {
      for (Path candidate : List.of(dir.resolve("labs").resolve(lab), dir.resolve(lab))) {
        if (Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
      if (onlyLab && looksLikeALab(dir)) {
        return Optional.of(dir);
      }
      Optional<Path> wrapper = onlyDirectory(dir);
      if (wrapper.isEmpty()) {
        return Optional.empty();
      }
      dir = wrapper.get();
    }
    return Optional.empty();
  }

  /** Whether a directory is one student's work rather than a folder of students' work. */
  static boolean holdsWork(Path dir, List<String> labs) {
    if (Files.isDirectory(dir.resolve("labs")) || looksLikeALab(dir)) {
      return true;
    }
    return labs.stream().anyMatch(lab -> Files.isDirectory(dir.resolve(lab)));
  }

  private static boolean looksLikeALab(Path dir) {
    return Files.isDirectory(dir.resolve("jobs")) || Files.isDirectory(dir.resolve("src/main"));
  }

  private static Optional<Path> onlyDirectory(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> visible = entries
          .filter(entry -> !entry.getFileName().toString().startsWith("."))
          .filter(entry -> !entry.getFileName().toString().equals("__MACOSX"))
          .toList();
      return visible.size() == 1 && Files.isDirectory(visible.get(0))
          ? Optional.of(visible.get(0)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }
}
