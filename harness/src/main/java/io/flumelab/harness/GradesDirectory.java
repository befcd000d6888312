package io.flumelab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where each lab test class's {@code <class>.tsv} goes. labs/pom.xml passes the module's real
 * build directory as {@code flumelab.grades.dir}, since {@code -Dflumelab.target} may move it;
 * without it (an IDE run) the grades go to {@code target/flumelab-grades}.
 */
final class GradesDirectory {

  static final String PROPERTY = "flumelab.grades.dir";

  private GradesDirectory() {}

  static Path of(Optional<String> configured) {
    return configured.filter(dir -> !dir.isBlank()).map(Path::of)
        .orElse(Path.of("target", "flumelab-grades"));
  }

  static void write(Path directory, Class<?> testClass, String tsv) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(testClass.getSimpleName() + ".tsv"), tsv,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the grades of " + testClass.getName(), e);
    }
  }
}
