package io.flumelab.core.source.spooldir;

import io.flumelab.core.source.spooldir.SpoolScanner.Candidate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The spooled files set aside because reading them failed (no permission, an I/O error), and when
 * each may be tried again: as soon as it changes (its size, modification time or, where the file
 * system tells, its status-change time, which a chmod or chown moves), or else after a pause that
 * doubles from {@link #FIRST_PAUSE_MILLIS} up to {@link #MAX_PAUSE_MILLIS}. Until then the worker
 * passes it by and reads the other files.
 */
final class UnreadableFiles {

  static final long FIRST_PAUSE_MILLIS = TimeUnit.SECONDS.toMillis(10);
  static final long MAX_PAUSE_MILLIS = TimeUnit.MINUTES.toMillis(5);

  /** What the file looked like when its read failed, and when to try it anyway. */
  private record SetAside(long size, long modified, long changed, long retryAtNanos,
      long pauseMillis) {}

  private final Map<Path, SetAside> files = new HashMap<>();
  private final LongSupplier nanoClock;

  UnreadableFiles() {
    this(System::nanoTime);
  }

  UnreadableFiles(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Sets the file aside after a failed read, or keeps it aside with a longer pause after a failed
   * retry.
   *
   * @return the pause before the next try, in ms; {@link #isSetAside} tells a first failure
   */
  long setAside(Candidate file) {
    SetAside before = files.get(file.path());
    long pause = before == null ? FIRST_PAUSE_MILLIS
        : Math.min(before.pauseMillis() * 2, MAX_PAUSE_MILLIS);
    files.put(file.path(), new SetAside(file.size(), file.modified(), statusChanged(file.path()),
        nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(pause), pause));
    return pause;
  }

  boolean isSetAside(Path file) {
    return files.containsKey(file);
  }

  /** Whether the file may be read now: it is not set aside, it changed, or its pause is over. */
  boolean mayTry(Candidate file) {
    SetAside aside = files.get(file.path());
    return aside == null
        || nanoClock.getAsLong() - aside.retryAtNanos() >= 0
        || aside.size() != file.size()
        || aside.modified() != file.modified()
        || aside.changed() != statusChanged(file.path());
  }

  /** Forgets the file once it could be read; true if it had been set aside. */
  boolean readable(Path file) {
    return files.remove(file) != null;
  }

  /** The file's status-change time (ctime), or 0 where the file system does not say. */
  private static long statusChanged(Path file) {
    try {
      Object ctime = Files.getAttribute(file, "unix:ctime");
      return ctime instanceof FileTime time ? time.toMillis() : 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0; // not a unix file system, or gone: size and modification time still tell
    }
  }
}
