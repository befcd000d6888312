package io.flumelab.core.source.taildir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a TAILDIR source follows, by inode. Each scan lists the groups and reconciles:
 *
 * <ul>
 *   <li>a known inode under a new name was renamed (rotated): it keeps its position, so its lines
 *       are neither sent again nor lost (Flume starts such a file over, FLUME-3233);
 *   <li>an inode no longer matched (rotated to a name outside the group, or deleted) is still read
 *       through its open handle until it has been idle for idleTimeout, so the lines written just
 *       before the rotation are not lost;
 *   <li>a new inode starts at its saved position if the position file knows it (also when it was
 *       renamed while the agent was down), otherwise at 0, or at its end with skipToEnd for the
 *       files present at start;
 *   <li>a file shorter than its position was truncated (copy-truncate rotation) and is read again
 *       from its start.
 * </ul>
 */
final class TailedFiles {

  private static final Logger LOG = LoggerFactory.getLogger(TailedFiles.class);

  /** What a stat of a matching file says. */
  private record Seen(Path path, long inode, long size, long modifiedNanos, FileGroup group) {}

  private final String sourceName;
  private final List<FileGroup> groups;
  private final PositionFile positionFile;
  private final boolean skipToEnd;
  private final Map<Long, TailFile> files = new ConcurrentHashMap<>();
  /** Saved positions of files not seen yet in this run; kept in the position file meanwhile. */
  private final Map<Long, Position> restored = new ConcurrentHashMap<>();
  private boolean firstScanDone;
  private long discoveries;

  TailedFiles(String sourceName, List<FileGroup> groups, PositionFile positionFile,
      boolean skipToEnd, Map<Long, Position> saved) {
    this.sourceName = sourceName;
    this.groups = List.copyOf(groups);
    this.positionFile = positionFile;
    this.skipToEnd = skipToEnd;
    this.restored.putAll(saved);
  }

  /** Lists the groups, reconciles, and returns the files to read, least recently modified first. */
  List<TailFile> scan(long now) throws IOException {
    Set<Long> matched = new HashSet<>();
    for (FileGroup group : groups) {
      for (Path path : group.matchingFiles()) {
        if (positionFile.isOwnFile(path)) {
          continue;
        }
        Seen seen = stat(path, group);
        if (seen != null && matched.add(seen.inode())) {
          reconcile(seen);
        }
      }
    }
    firstScanDone = true;
    List<TailFile> toRead = new ArrayList<>();
    for (TailFile file : files.values()) {
      file.matched(matched.contains(file.inode()));
      if (file.matched() || file.isOpen()) {
        toRead.add(file);
      } else {
        files.remove(file.inode());
        LOG.info("TAILDIR source {}: no longer following {} (deleted or renamed out of its "
            + "group)", sourceName, file.path());
      }
    }
    // equal times are common (coarse file system clocks): the file known longer goes first, so an
    // old file's last lines precede the new file's first ones
    toRead.sort(Comparator.<TailFile>comparingLong(TailFile::lastModified)
        .thenComparingLong(TailFile::discovered));
    return toRead;
  }

  private static Seen stat(Path path, FileGroup group) throws IOException {
    try {
      Map<String, Object> attributes =
          Files.readAttributes(path, "unix:ino,size,lastModifiedTime");
      return new Seen(path, (Long) attributes.get("ino"), (Long) attributes.get("size"),
          ((FileTime) attributes.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS), group);
    } catch (NoSuchFileException e) {
      return null; // gone between listing and stat: the next scan sees what replaced it
    }
  }

  private void reconcile(Seen seen) throws IOException {
    TailFile file = files.get(seen.inode());
    if (file == null) {
      file = new TailFile(seen.inode(), seen.path(), seen.group(), startPosition(seen),
          discoveries++);
      files.put(seen.inode(), file);
    } else if (!file.path().equals(seen.path())) {
      LOG.info("TAILDIR source {}: {} was renamed to {}; going on at byte {}", sourceName,
          file.path(), seen.path(), file.committed());
      file.path(seen.path());
    }
    file.lastModified(seen.modifiedNanos());
    if (seen.size() < file.committed()
        || (file.isOpen() && seen.size() < file.readPosition())) {
      LOG.warn("TAILDIR source {}: {} is shorter ({} bytes) than the position reached ({}); it "
          + "was truncated, so it is read again from its start", sourceName, seen.path(),
          seen.size(), Math.max(file.committed(), file.readPosition()));
      file.restartFromBeginning();
    }
  }

  private long startPosition(Seen seen) {
    Position saved = restored.remove(seen.inode());
    if (saved != null) {
      if (saved.pos() <= seen.size()) {
        if (!saved.file().equals(seen.path().toString())) {
          LOG.info("TAILDIR source {}: {} was renamed to {} while stopped; going on at byte {}",
              sourceName, saved.file(), seen.path(), saved.pos());
        }
        return saved.pos();
      }
      LOG.warn("TAILDIR source {}: {} is shorter ({} bytes) than its saved position ({}); "
          + "reading it from its start", sourceName, seen.path(), seen.size(), saved.pos());
      return 0;
    }
    return skipToEnd && !firstScanDone ? seen.size() : 0;
  }

  /** Closes files idle for {@code idleTimeout}; one that left its group is then forgotten. */
  void closeIdle(long now, long idleTimeout) {
    for (TailFile file : files.values()) {
      if (file.isOpen() && now - file.lastActivity() >= idleTimeout) {
        if (file.partialBytes() > 0 && !file.matched()) {
          LOG.warn("TAILDIR source {}: {} left its group and ends with {} bytes without a "
              + "newline; they are not sent", sourceName, file.path(), file.partialBytes());
        }
        close(file);
        if (!file.matched()) {
          files.remove(file.inode());
        }
      }
    }
  }

  void close(TailFile file) {
    try {
      file.close();
    } catch (IOException e) {
      LOG.warn("TAILDIR source {}: closing {} failed: {}", sourceName, file.path(), e.toString());
    }
  }

  void closeAll() {
    files.values().forEach(this::close);
  }

  /** The committed positions, for the position file. */
  List<Position> positions() {
    List<Position> positions = new ArrayList<>(restored.values());
    for (TailFile file : files.values()) {
      positions.add(file.position());
    }
    positions.sort(Comparator.comparing(Position::file).thenComparingLong(Position::inode));
    return positions;
  }

  int openFiles() {
    return (int) files.values().stream().filter(TailFile::isOpen).count();
  }
}
