package io.flumelab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Data directories of the services: fresh for each start, under {@code flumelab.work} (default: the
 * system's temporary directory), deleted when the service stops.
 */
public final class WorkDirs {

  public static final String KEY = "flumelab.work";

  private WorkDirs() {}

  public static Path create(String service) {
    try {
      Path root = Path.of(Settings.get(KEY).orElse(System.getProperty("java.io.tmpdir")));
      Files.createDirectories(root);
      return Files.createTempDirectory(root, "flumelab-" + service + "-");
    } catch (IOException e) {
      throw new ServiceException("Cannot create a data directory for " + service + ": " + e.getMessage(),
          "set " + KEY + " to a writable directory", e);
    }
  }

  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
