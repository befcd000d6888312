package io.flumelab.filechannel;

import io.flumelab.api.ChannelException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses puts before a data directory's disk fills ({@code minimumRequiredSpace}). Asking the
 * file system is a system call, so the free space is asked at most every {@link #RECHECK_NANOS}
 * and estimated in between from the bytes this channel wrote; a put that would take the estimate
 * under the minimum asks again at once. Takes are never refused: their records are small, and
 * they are what lets segments be deleted.
 */
final class FreeSpaceGuard {

  private static final long RECHECK_NANOS = 100_000_000L;

  private final String channel;
  private final Path dir;
  private final long minimum;
  private FileStore store;
  private long lastFree = Long.MAX_VALUE;
  private long writtenSince;
  private long checkedAt;
  private boolean everChecked;

  FreeSpaceGuard(String channel, Path dir, long minimum) {
    this.channel = channel;
    this.dir = dir;
    this.minimum = minimum;
  }

  Path dir() {
    return dir;
  }

  /** Throws a {@link ChannelException} naming the directory when {@code bytes} would not fit. */
  synchronized void checkRoomFor(long bytes) {
    if (minimum <= 0) {
      return;
    }
    long now = System.nanoTime();
    if (!everChecked || now - checkedAt > RECHECK_NANOS
        || lastFree - writtenSince - bytes < minimum) {
      refresh(now);
    }
    long free = lastFree - writtenSince;
    if (free - bytes < minimum) {
      throw new ChannelException("channel " + channel + ": only " + Sizes.of(Math.max(0, free))
          + " free in " + dir + " (minimumRequiredSpace " + Sizes.of(minimum) + "): free space"
          + " or lower minimumRequiredSpace; puts are refused until then");
    }
  }

  synchronized void wrote(long bytes) {
    writtenSince += bytes;
  }

  /** The usable space of the directory's file system, asked now. */
  synchronized long freeNow() {
    refresh(System.nanoTime());
    return lastFree;
  }

  private void refresh(long now) {
    try {
      if (store == null) {
        store = Files.getFileStore(dir);
      }
      lastFree = store.getUsableSpace();
    } catch (IOException e) {
      throw new ChannelException("channel " + channel + ": cannot tell the free space in " + dir
          + ": " + e.getMessage() + ". Check that the directory still exists and is readable",
          e);
    }
    writtenSince = 0;
    checkedAt = now;
    everChecked = true;
  }
}
