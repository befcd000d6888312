package io.flumelab.core.source.spooldir;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where each spooled file's committed events end, kept in the tracker directory so a restarted
 * agent resumes a file at the first line not yet committed. One small properties file per file in
 * progress, named after the file's path inside the spooling directory and replaced atomically after
 * every commit; it is removed once the file is done. A marker also keeps the file's size and
 * modification time as first seen, which tells a resumed file from a changed one.
 */
final class SpoolMarkers {

  static final String SUFFIX = ".position";

  /** What a marker holds. */
  record Marker(Path file, long size, long modified, long offset, long events) {}

  private final Path spoolDir;
  private final Path trackerDir;

  SpoolMarkers(Path spoolDir, Path trackerDir) {
    this.spoolDir = spoolDir;
    this.trackerDir = trackerDir;
  }

  private Path markerOf(Path file) {
    String relative = spoolDir.relativize(file).toString();
    return trackerDir.resolve(URLEncoder.encode(relative, StandardCharsets.UTF_8) + SUFFIX);
  }

  void save(Marker marker) throws IOException {
    Properties p = new Properties();
    p.setProperty("file", marker.file().toString());
    p.setProperty("size", Long.toString(marker.size()));
    p.setProperty("modified", Long.toString(marker.modified()));
    p.setProperty("offset", Long.toString(marker.offset()));
    p.setProperty("events", Long.toString(marker.events()));
    Path target = markerOf(marker.file());
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      p.store(out, "FlumeLab spooling directory position; delete to read the file from the start");
    }
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The marker of a file, or null if it has none (or an unreadable one, which means: start). */
  Marker find(Path file) {
    Path path = markerOf(file);
    return Files.exists(path) ? read(path) : null;
  }

  void delete(Path file) throws IOException {
    Files.deleteIfExists(markerOf(file));
  }

  /** Every readable marker, for resuming at start; orphans (their file is gone) are deleted. */
  List<Marker> all() throws IOException {
    List<Marker> markers = new ArrayList<>();
    try (Stream<Path> files = Files.list(trackerDir)) {
      for (Path path : (Iterable<Path>) files::iterator) {
        String name = path.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
          continue;
        }
        Marker marker = read(path);
        if (marker == null || !Files.isRegularFile(marker.file())) {
          Files.deleteIfExists(path);
        } else {
          markers.add(marker);
        }
      }
    }
    return markers;
  }

  private Marker read(Path path) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(in);
      String name = path.getFileName().toString();
      Path file = spoolDir.resolve(URLDecoder.decode(
          name.substring(0, name.length() - SUFFIX.length()), StandardCharsets.UTF_8));
      return new Marker(file, Long.parseLong(p.getProperty("size")),
          Long.parseLong(p.getProperty("modified")), Long.parseLong(p.getProperty("offset")),
          Long.parseLong(p.getProperty("events")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
