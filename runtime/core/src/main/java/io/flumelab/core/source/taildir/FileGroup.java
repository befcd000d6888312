package io.flumelab.core.source.taildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One TAILDIR file group: the files of one directory whose names match a regular expression, and
 * the headers their events carry. With caching, the directory is listed again only when its
 * modification time changes (a file created, renamed or deleted), or while that time is too recent
 * to trust at the file system's 1-second granularity.
 */
final class FileGroup {

  private static final long GRANULARITY_MILLIS = 1000;

  private final String name;
  private final Path directory;
  private final Pattern fileName;
  private final Map<String, String> headers;
  private final boolean cache;

  private List<Path> cached;
  private FileTime cachedDirectoryTime;
  private long cachedAt;

  FileGroup(String name, Path directory, Pattern fileName, Map<String, String> headers,
      boolean cache) {
    this.name = name;
    this.directory = directory;
    this.fileName = fileName;
    this.headers = Map.copyOf(headers);
    this.cache = cache;
  }

  String name() {
    return name;
  }

  Path directory() {
    return directory;
  }

  Map<String, String> headers() {
    return headers;
  }

  /** The regular files whose name matches; none if the directory does not exist (yet). */
  List<Path> matchingFiles() throws IOException {
    long now = System.currentTimeMillis();
    FileTime directoryTime;
    try {
      directoryTime = Files.getLastModifiedTime(directory);
    } catch (NoSuchFileException e) {
      cached = null;
      return List.of();
    }
    if (cache && cached != null && directoryTime.equals(cachedDirectoryTime)
        && cachedAt - directoryTime.toMillis() > GRANULARITY_MILLIS) {
      return cached;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
        entry -> fileName.matcher(entry.getFileName().toString()).matches())) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    cached = List.copyOf(files);
    cachedDirectoryTime = directoryTime;
    cachedAt = now;
    return cached;
  }
}
