package io.flumelab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A log file a test appends lines to, as an application writes its log, for exec sources. */
public final class LogFile {

  private final Path path;

  private LogFile(Path path) {
    this.path = path;
  }

  /** Creates the file, empty. */
  public static LogFile create(Path path) {
    try {
      return new LogFile(Files.createFile(path));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + path, e);
    }
  }

  public Path path() {
    return path;
  }

  /** Appends each line with its newline, in one write. */
  public void append(String... lines) {
    try {
      Files.writeString(path, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + path, e);
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
