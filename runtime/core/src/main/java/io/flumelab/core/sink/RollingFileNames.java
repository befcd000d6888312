package io.flumelab.core.sink;

import java.nio.file.Path;

/**
 * Names the files of one run of a file_roll sink the way Flume's DEFAULT path manager does:
 * {@code <prefix><startMillis>-<n>[.<extension>]}, with n counting from 1. Sorting by name within a
 * run sorts by age; a restart starts a new series with a new timestamp.
 */
final class RollingFileNames {

  private final Path directory;
  private final String prefix;
  private final String extension;
  private final long seriesMillis;
  private int index;

  RollingFileNames(Path directory, String prefix, String extension, long seriesMillis) {
    this.directory = directory;
    this.prefix = prefix == null ? "" : prefix;
    this.extension = extension == null ? "" : extension;
    this.seriesMillis = seriesMillis;
  }

  /** The next file of the series; each call moves on by one. */
  Path next() {
    index++;
    String name = prefix + seriesMillis + "-" + index + (extension.isEmpty() ? "" : "." + extension);
    return directory.resolve(name);
  }
}
