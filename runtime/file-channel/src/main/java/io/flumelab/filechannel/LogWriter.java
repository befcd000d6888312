package io.flumelab.filechannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends groups of sealed transactions to the active segment, rolling to a new segment (in the
 * next data directory) when the next transaction would take the segment past
 * {@code maxFileSize}. A transaction never spans two segments. Only the group commit's leader (or
 * a task run exclusively) calls it, so it needs no lock of its own.
 *
 * <p>A write or fsync that fails is undone by truncating the segment back to where the group
 * began, so the log never keeps a transaction its committer was told had failed; if even the
 * truncation fails, the next write goes to a new segment and recovery will find the torn tail by
 * its checksums.
 */
final class LogWriter {

  private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);

  private final String channel;
  private final List<Path> dataDirs;
  private final List<FreeSpaceGuard> guards;
  private final long maxFileSize;
  private final boolean fsyncPerTransaction;
  private final SegmentTable segments;
  private final FileChannelCounter counter;

  /** Read by committers (for the free-space guard) and the fsync timer; written by the leader. */
  private volatile Segment active;
  private long end;
  /** Set by {@link #close}: a commit that comes later fails instead of writing. */
  private boolean closed;
  /** The active segment's tail could not be cleaned after a failure: write no more to it. */
  private boolean mustRoll;
  private ByteBuffer[] gather = new ByteBuffer[16];

  LogWriter(String channel, List<Path> dataDirs, List<FreeSpaceGuard> guards, long maxFileSize,
      boolean fsyncPerTransaction, SegmentTable segments, FileChannelCounter counter) {
    this.channel = channel;
    this.dataDirs = dataDirs;
    this.guards = guards;
    this.maxFileSize = maxFileSize;
    this.fsyncPerTransaction = fsyncPerTransaction;
    this.segments = segments;
    this.counter = counter;
  }

  /** Starts writing in a new segment with this id (always a new one: an old tail may be torn). */
  void open(int firstId) throws IOException {
    active = create(firstId);
    end = SegmentFiles.HEADER_BYTES;
  }

  int activeSegmentId() {
    return active.id;
  }

  /** Where the next record goes: what a checkpoint taken now has replayed up to. */
  long position() {
    return Pointers.of(active.id, (int) end);
  }

  /** The free-space guard of the directory the next put goes to. */
  FreeSpaceGuard activeGuard() {
    return guards.get(Math.floorMod(active.id, guards.size()));
  }

  /**
   * Writes the requests in order, placing each one; when a write fails, that request and the ones
   * after it get the failure (the ones before it were written and stay so). A transaction is at
   * most 2 GB ({@link TransactionRecords} refuses more), so it always fits a fresh segment.
   */
  void write(List<CommitRequest> group) {
    if (closed) {
      fail(group, 0, new IOException("channel " + channel + " is stopped; its log is closed"));
      return;
    }
    int next = 0;
    int count = group.size();
    while (next < count) {
      if (mustRoll || !fits(group.get(next).records.length())) {
        try {
          roll();
        } catch (IOException e) {
          fail(group, next, new IOException("channel " + channel + ": cannot start log segment "
              + SegmentFiles.directoryFor(active.id + 1, dataDirs)
                  .resolve(SegmentFiles.name(active.id + 1)) + ": " + e.getMessage(), e));
          return;
        }
      }
      int first = next;
      long start = end;
      do {
        CommitRequest request = group.get(next);
        request.segmentId = active.id;
        request.offset = (int) end;
        end += request.records.length();
        next++;
      } while (next < count && fits(group.get(next).records.length()));
      try {
        writeChunk(group, first, next, start);
      } catch (IOException e) {
        undo(start, e);
        end = start;
        fail(group, first, new IOException("channel " + channel + ": cannot write to "
            + active.path + ": " + e.getMessage(), e));
        return;
      }
    }
  }

  /** Forces what was written to disk (for {@code fsyncPerTransaction = false}, and checkpoints). */
  void force() throws IOException {
    active.force();
    counter.incrementLogFsyncCount();
  }

  /** Forces the active segment; the others were forced when the writer left them. */
  void close() throws IOException {
    if (!closed) {
      closed = true;
      force();
    }
  }

  private boolean fits(long length) {
    return end == SegmentFiles.HEADER_BYTES || end + length <= maxFileSize;
  }

  /** Writes the requests {@code [from, to)}, placed from {@code start} on, in one write. */
  private void writeChunk(List<CommitRequest> group, int from, int to, long start)
      throws IOException {
    int buffers = to - from;
    if (gather.length < buffers) {
      gather = new ByteBuffer[Math.max(buffers, gather.length * 2)];
    }
    long bytes = 0;
    for (int i = 0; i < buffers; i++) {
      gather[i] = group.get(from + i).records.bytes();
      bytes += gather[i].remaining();
    }
    long written = 0;
    while (written < bytes) {
      written += active.write(gather, buffers, start + written);
    }
    Arrays.fill(gather, 0, buffers, null);
    counter.addLogWrite(buffers);
    activeGuard().wrote(bytes);
    if (fsyncPerTransaction) {
      force();
    }
  }

  /** Removes a failed group's bytes from the segment. */
  private void undo(long start, IOException cause) {
    try {
      active.truncate(start);
      segments.truncated();
      active.force();
    } catch (IOException e) {
      LOG.error("Channel {}: after failing to write {} ({}), could not truncate it back to {} "
          + "bytes either ({}); the channel goes on in a new segment, and recovery will skip the"
          + " torn tail by its checksums", channel, active.path, cause.getMessage(), start,
          e.getMessage());
      mustRoll = true;
    }
  }

  private void roll() throws IOException {
    Segment previous = active;
    Segment next = create(previous.id + 1);
    try {
      previous.force();
      counter.incrementLogFsyncCount();
    } catch (IOException e) {
      // the new segment is not used: the old one's data may not be on disk, so nothing moves on
      deleteQuietly(next);
      throw e;
    }
    active = next;
    end = SegmentFiles.HEADER_BYTES;
    mustRoll = false;
  }

  private Segment create(int id) throws IOException {
    Path dir = SegmentFiles.directoryFor(id, dataDirs);
    Path path = dir.resolve(SegmentFiles.name(id));
    Segment segment = Segment.create(id, path);
    try {
      segment.write(new ByteBuffer[] {SegmentFiles.header(id)}, 1, 0);
      segment.force();
      DirectorySync.sync(dir);
    } catch (IOException e) {
      deleteQuietly(segment);
      throw e;
    }
    segments.add(segment);
    return segment;
  }

  private void deleteQuietly(Segment segment) {
    try {
      segment.close();
      Files.deleteIfExists(segment.path);
    } catch (IOException e) {
      LOG.warn("Channel {}: could not remove the unused segment {}: {}", channel, segment.path,
          e.getMessage());
    }
  }

  private static void fail(List<CommitRequest> group, int from, IOException failure) {
    for (int i = from; i < group.size(); i++) {
      group.get(i).failure = failure;
    }
  }
}
