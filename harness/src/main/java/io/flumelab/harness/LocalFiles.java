package io.flumelab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a file_roll sink wrote into a directory. */
public final class LocalFiles {

  private LocalFiles() {}

  /** Every line of every file in the directory, files in name order (file_roll numbers them). */
  public static List<String> lines(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<String> lines = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        lines.addAll(Files.readAllLines(file));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the files of " + directory, e);
    }
  }

  /**
   * The lines of every file in the directory that end with a newline, files in name order: a line
   * the sink is still writing is left out until it is whole. A missing directory has no lines.
   */
  public static List<String> completeLines(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      List<String> lines = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        text.substring(0, text.lastIndexOf('\n') + 1).lines().forEach(lines::add);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the files of " + directory, e);
    }
  }
}
