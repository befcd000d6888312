package io.flumelab.filechannel;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes checkpoints and deletes the segments they free. The snapshot is taken while no commit is
 * being written ({@link GroupCommitter#exclusively}), so the queue it copies is exactly what the
 * log holds up to the position it records; the files are written after, while commits go on.
 * Then the oldest segments that hold no live event and lie before the checkpoint's position are
 * deleted, oldest first, once {@code retired} says so.
 */
final class Checkpointer {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  private record Taken(Checkpoint checkpoint, List<Segment> emptySegments) {}

  private final FileChannelOptions options;
  private final GroupCommitter committer;
  private final LogWriter writer;
  private final PointerQueue queue;
  private final SegmentTable segments;
  private final LongSupplier nextTransactionId;
  private final FileChannelCounter counter;

  Checkpointer(FileChannelOptions options, GroupCommitter committer, LogWriter writer,
      PointerQueue queue, SegmentTable segments, LongSupplier nextTransactionId,
      FileChannelCounter counter) {
    this.options = options;
    this.committer = committer;
    this.writer = writer;
    this.queue = queue;
    this.segments = segments;
    this.nextTransactionId = nextTransactionId;
    this.counter = counter;
  }

  /** Writes a checkpoint of the channel as it is now, then deletes the segments it frees. */
  synchronized Checkpoint checkpoint() throws IOException {
    Taken taken = committer.exclusively(() -> {
      PointerQueue.Snapshot snapshot = queue.snapshot(writer.activeSegmentId());
      return new Taken(new Checkpoint(System.currentTimeMillis(), writer.position(),
          nextTransactionId.getAsLong(), snapshot.pointers()), snapshot.emptySegments());
    });
    if (!options.fsyncPerTransaction()) {
      writer.force(); // the checkpoint must never count on records that are not on disk
    }
    try {
      CheckpointFile.write(options.checkpointDir(), taken.checkpoint());
    } catch (IOException e) {
      counter.incrementCheckpointWriteErrorCount();
      throw new IOException("cannot write the checkpoint in " + options.checkpointDir() + ": "
          + e.getMessage(), e);
    }
    if (options.backupCheckpointDir() != null) {
      try {
        CheckpointFile.write(options.backupCheckpointDir(), taken.checkpoint());
      } catch (IOException e) {
        counter.incrementCheckpointBackupWriteErrorCount();
        LOG.error("Channel {}: cannot write the backup checkpoint in {}: {}. The checkpoint in {} "
            + "was written; the backup will be tried again at the next checkpoint",
            options.name(), options.backupCheckpointDir(), e.getMessage(),
            options.checkpointDir());
      }
    }
    retire(taken.emptySegments());
    return taken.checkpoint();
  }

  private void retire(List<Segment> empty) {
    if (empty.isEmpty()) {
      return;
    }
    Segment last = empty.get(empty.size() - 1);
    try {
      RetiredSegments.write(options.checkpointDirs(), last.id);
    } catch (IOException e) {
      LOG.warn("Channel {}: cannot record the retirement of {} in {} ({}); the segments are kept"
          + " until the next checkpoint", options.name(), SegmentFiles.name(last.id),
          options.checkpointDirs(), e.getMessage());
      return;
    }
    for (Segment segment : empty) {
      segments.removeOldest(segment);
      try {
        segment.close();
        Files.deleteIfExists(segment.path);
      } catch (IOException e) {
        LOG.warn("Channel {}: cannot delete {} ({}); every event in it was taken, so it may be "
            + "deleted by hand", options.name(), segment.path, e.getMessage());
      }
    }
    LOG.info("Channel {}: deleted {} segment(s) up to {}, every event in them taken",
        options.name(), empty.size(), last.path);
  }
}
