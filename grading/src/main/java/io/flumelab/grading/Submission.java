package io.flumelab.grading;

import java.nio.file.Path;

/**
 * One student's work as handed in: a directory, a zip or tar archive, or a git repository; its
 * {@code name} is the student's, from the folder's or the archive's name.
 */
record Submission(String name, Path source, Kind kind) {

  enum Kind { DIRECTORY, ZIP, TAR, GIT }

  /** The name made safe as one path element: no separators or control characters. */
  String fileName() {
    String safe = name.replaceAll("[/\\\\\\p{Cntrl}]", "_").strip();
    return safe.isEmpty() || safe.equals(".") || safe.equals("..") ? "_" : safe;
  }
}
