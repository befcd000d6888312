package io.flumelab.filechannel;

import io.flumelab.filechannel.RecoveryReport.Damage;
import io.flumelab.filechannel.RecoveryReport.Level;
import io.flumelab.filechannel.RecoveryReport.SegmentSummary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds the queue from the newest usable checkpoint and the log after it:
 *
 * <ol>
 *   <li>the checkpoint: {@code checkpointDir}'s, else the backup's (with
 *       {@code useDualCheckpoints}), else none and the whole log is replayed;
 *   <li>every segment is scanned ({@link LogScanner}); from the checkpoint's position on, a
 *       transaction's PUT records add to the queue and its TAKE records remove from it once its
 *       COMMIT is read, and records without a COMMIT are ignored; before the position, records
 *       are only checked;
 *   <li>each queued pointer is checked against what is on disk: one into a segment the channel
 *       retired was taken long ago, one into a missing segment, past a segment's end or into a
 *       damaged region is an event lost.
 * </ol>
 *
 * <p>Everything unusual goes into the {@link RecoveryReport}. Recovery changes nothing on disk,
 * except that, when asked to repair, it cuts the torn tail of the newest segment (what a crash in
 * the middle of a write leaves), which replay ignores anyway. The caller writes a fresh
 * checkpoint.
 */
final class Recovery {

  /** The recovered queue, the segments it lives in (open for reading), and where to go on. */
  record Result(long[] pointers, List<Segment> segments, int nextSegmentId,
      long nextTransactionId, RecoveryReport report) {}

  private final List<Path> checkpointDirs;
  private final List<Path> dataDirs;
  private final boolean repair;
  private final RecoveryReport report = new RecoveryReport();

  /**
   * @param checkpointDirs the checkpoint directory, then the backup one if there is one
   * @param repair whether a torn tail may be cut (false for the offline inspector)
   */
  Recovery(List<Path> checkpointDirs, List<Path> dataDirs, boolean repair) {
    this.checkpointDirs = checkpointDirs;
    this.dataDirs = dataDirs;
    this.repair = repair;
  }

  Result run() throws IOException {
    List<SegmentFiles.Found> found = SegmentFiles.list(dataDirs);
    List<Segment> segments = open(found);
    try {
      return replay(found, segments);
    } catch (IOException | RuntimeException e) {
      for (Segment segment : segments) {
        try {
          segment.close();
        } catch (IOException ignored) {
          // the failure being thrown matters more
        }
      }
      throw e;
    }
  }

  private Result replay(List<SegmentFiles.Found> found, List<Segment> segments)
      throws IOException {
    int retired = RetiredSegments.read(checkpointDirs);
    Checkpoint checkpoint = loadCheckpoint();
    ReplayQueue queue = new ReplayQueue(checkpoint == null ? new long[0] : checkpoint.pointers());
    long replayFrom = replayStart(checkpoint, segments, retired);
    reportGaps(segments, retired, replayFrom);

    Map<Integer, List<Damage>> damageBySegment = new HashMap<>();
    long highestTransaction = -1;
    LogScanner scanner = new LogScanner();
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      boolean newest = i == segments.size() - 1;
      long from = Pointers.segment(replayFrom) == segment.id ? Pointers.offset(replayFrom)
          : segment.id > Pointers.segment(replayFrom) ? SegmentFiles.HEADER_BYTES : Long.MAX_VALUE;
      SegmentReplay replay = new SegmentReplay(segment, from, queue, newest);
      long goodEnd = scanner.scan(segment.path, segment.channel(), SegmentFiles.HEADER_BYTES,
          replay);
      replay.finish();
      highestTransaction = Math.max(highestTransaction, replay.highestTransaction);
      damageBySegment.put(segment.id, replay.damage);
      report.segment(new SegmentSummary(segment.id, segment.path, segment.size(),
          replay.records));
      if (newest && repair && goodEnd < segment.size() && replay.endsTorn) {
        cutTornTail(segment, goodEnd);
      }
    }

    long[] pointers = keepReadable(queue.finish(), segments, retired, damageBySegment);
    report.recovered(pointers.length);
    int highestId = Math.max(retired, checkpoint == null ? -1 : checkpoint.segment());
    for (SegmentFiles.Found segment : found) {
      highestId = Math.max(highestId, segment.id());
    }
    long nextTransaction = Math.max(highestTransaction + 1,
        checkpoint == null ? 0 : checkpoint.nextTransactionId());
    return new Result(pointers, segments, highestId + 1, nextTransaction, report);
  }

  /** Opens the segments whose header is sound; reports the others, whose events are lost. */
  private List<Segment> open(List<SegmentFiles.Found> found) throws IOException {
    List<Segment> segments = new ArrayList<>();
    for (SegmentFiles.Found file : found) {
      if (!segments.isEmpty() && segments.get(segments.size() - 1).id == file.id()) {
        report.add(Level.ERROR, file.path() + " has the id of "
            + segments.get(segments.size() - 1).path + ": it is ignored and its events lost. Two"
            + " channels' data directories mixed? Give each file channel its own dataDirs");
        continue;
      }
      if (file.size() < SegmentFiles.HEADER_BYTES) {
        // A segment's header is written and synced before its first record, so a file shorter
        // than a header is a creation a kill interrupted: it never held an event.
        settleUnfinished(file);
        continue;
      }
      Segment segment;
      try {
        segment = Segment.open(file.id(), file.path());
      } catch (NoSuchFileException e) {
        continue; // deleted since it was listed: the channel retired it while we looked
      }
      String problem = SegmentFiles.headerProblem(segment.channel(), file.id());
      if (problem != null) {
        segment.close();
        report.add(Level.ERROR, file.path() + " is not usable: " + problem + "; its events are "
            + "lost. Move it out of the data directory to silence this");
        report.damaged(new Damage(file.path(), 0, file.size(), problem, false));
        continue;
      }
      segments.add(segment);
    }
    return segments;
  }

  /** Removes (when repairing) a segment whose creation was interrupted before its header. */
  private void settleUnfinished(SegmentFiles.Found file) throws IOException {
    String what = file.path() + " holds " + file.size() + " of its " + SegmentFiles.HEADER_BYTES
        + " header bytes: its creation was interrupted before any record, so it held no events";
    if (repair) {
      Files.deleteIfExists(file.path());
      report.add(Level.INFO, what + "; removed");
    } else {
      report.add(Level.INFO, what + "; the channel removes it at its next start");
    }
  }

  /** The newest usable checkpoint, or null; each unusable one is reported. */
  private Checkpoint loadCheckpoint() {
    List<String> tried = new ArrayList<>();
    for (int i = 0; i < checkpointDirs.size(); i++) {
      Path dir = checkpointDirs.get(i);
      Path file = CheckpointFile.in(dir);
      try {
        var checkpoint = CheckpointFile.read(dir);
        if (checkpoint.isPresent()) {
          if (i > 0) {
            report.add(Level.WARNING, "recovering from the backup checkpoint " + file + ", since "
                + String.join(" and ", tried));
          }
          report.usedCheckpoint(checkpoint.get(), file);
          return checkpoint.get();
        }
        tried.add("there is no " + file);
      } catch (IOException e) {
        tried.add(e instanceof CheckpointFile.CorruptCheckpointException ? e.getMessage()
            : file + " cannot be read (" + e + ")");
      }
    }
    if (tried.stream().allMatch(t -> t.startsWith("there is no"))) {
      report.add(Level.INFO, "no checkpoint yet in " + checkpointDirs + ": replaying the whole "
          + "log, if there is one");
    } else {
      report.add(Level.WARNING, "no usable checkpoint (" + String.join("; ", tried) + "): "
          + "replaying the whole log");
    }
    return null;
  }

  /**
   * Where replay starts: the checkpoint's position, or the first segment after it when its
   * segment is gone, or the start of the oldest segment without a checkpoint.
   */
  private long replayStart(Checkpoint checkpoint, List<Segment> segments, int retired)
      throws IOException {
    if (checkpoint == null) {
      int oldest = segments.isEmpty() ? 0 : segments.get(0).id;
      return Pointers.of(oldest, SegmentFiles.HEADER_BYTES);
    }
    int segmentId = checkpoint.segment();
    Segment at = find(segments, segmentId);
    if (at != null) {
      long size = at.size();
      if (checkpoint.offset() > size) {
        report.add(Level.ERROR, at.path + " is " + size + " bytes, shorter than the checkpoint's"
            + " position " + checkpoint.offset() + ": the log lost writes the checkpoint counted"
            + " on (a disk that did not keep what it fsynced, or a file cut by hand); what was "
            + "committed there after the checkpoint is lost");
        return Pointers.of(segmentId, (int) size);
      }
      return checkpoint.position();
    }
    Segment next = segments.stream().filter(s -> s.id > segmentId).findFirst().orElse(null);
    String nextName = next == null ? "nothing (no later segment)" : next.path.toString();
    if (segmentId <= retired) {
      report.add(Level.WARNING, "the checkpoint is older than the log: its position is in "
          + SegmentFiles.name(segmentId) + ", which the channel deleted after a later checkpoint"
          + " (the newest checkpoint was lost or replaced); replaying from " + nextName
          + ". Nothing is lost: a segment is deleted only once every event in it was taken");
    } else {
      report.add(Level.ERROR, "the checkpoint's position is in " + SegmentFiles.name(segmentId)
          + ", which is missing from " + dataDirs + " and was not deleted by the channel: what was"
          + " committed in it after the checkpoint is lost; replaying from " + nextName);
    }
    return next == null ? Pointers.of(segmentId + 1, SegmentFiles.HEADER_BYTES)
        : Pointers.of(next.id, SegmentFiles.HEADER_BYTES);
  }

  /** A segment missing between the ones replayed lost whatever was committed in it. */
  private void reportGaps(List<Segment> segments, int retired, long replayFrom) {
    for (int i = 1; i < segments.size(); i++) {
      for (int id = segments.get(i - 1).id + 1; id < segments.get(i).id; id++) {
        if (id > retired && id >= Pointers.segment(replayFrom)) {
          report.add(Level.ERROR, SegmentFiles.name(id) + " is missing from " + dataDirs
              + " (deleted by hand?): what was committed in it is lost");
        }
      }
    }
  }

  private void cutTornTail(Segment segment, long goodEnd) throws IOException {
    try (FileChannel file = FileChannel.open(segment.path, StandardOpenOption.WRITE)) {
      long size = file.size();
      file.truncate(goodEnd);
      file.force(true);
      report.add(Level.INFO, "cut the torn tail of " + segment.path + " (" + Sizes.of(size
          - goodEnd) + " from offset " + goodEnd + "), left by a write that a crash interrupted");
    }
  }

  /**
   * The pointers whose events can still be read; each one that cannot is counted as retired
   * (taken long ago) or lost, and reported per segment.
   */
  private long[] keepReadable(long[] pointers, List<Segment> segments, int retired,
      Map<Integer, List<Damage>> damage) throws IOException {
    Map<Integer, Long> sizes = new HashMap<>();
    for (Segment segment : segments) {
      sizes.put(segment.id, segment.size());
    }
    Map<Integer, Long> retiredEvents = new TreeMap<>();
    Map<String, Long> lost = new TreeMap<>();
    long[] kept = new long[pointers.length];
    int count = 0;
    for (long pointer : pointers) {
      int id = Pointers.segment(pointer);
      int offset = Pointers.offset(pointer);
      Long size = sizes.get(id);
      String reason = null;
      if (size == null) {
        if (id <= retired) {
          retiredEvents.merge(id, 1L, Long::sum);
          continue;
        }
        reason = SegmentFiles.name(id) + " is missing (not deleted by the channel)";
      } else if (offset + (long) LogRecords.HEADER_BYTES > size) {
        reason = "they are beyond the end of " + SegmentFiles.name(id) + " (" + size + " bytes)";
      } else if (inDamage(damage.get(id), offset)) {
        reason = "their PUT records in " + SegmentFiles.name(id) + " are damaged";
      }
      if (reason != null) {
        lost.merge(reason, 1L, Long::sum);
        continue;
      }
      kept[count++] = pointer;
    }
    if (!retiredEvents.isEmpty()) {
      long total = retiredEvents.values().stream().mapToLong(Long::longValue).sum();
      report.add(Level.WARNING, total + " events of the checkpoint are in segments the channel "
          + "deleted after it was written (" + retiredEvents.keySet().stream()
              .map(SegmentFiles::name).toList() + "): the checkpoint is older than the log, and "
          + "those events had been taken");
    }
    lost.forEach((reason, events) -> {
      report.add(Level.ERROR, Sizes.count(events, "committed event") + (events == 1 ? " is"
          : " are") + " lost: " + reason);
      report.lost(events);
    });
    return count == kept.length ? kept : Arrays.copyOf(kept, count);
  }

  private static boolean inDamage(List<Damage> regions, long offset) {
    if (regions == null) {
      return false;
    }
    for (Damage region : regions) {
      if (offset >= region.offset() && offset < region.offset() + region.length()) {
        return true;
      }
    }
    return false;
  }

  private static Segment find(List<Segment> segments, int id) {
    for (Segment segment : segments) {
      if (segment.id == id) {
        return segment;
      }
    }
    return null;
  }

  /**
   * Replays one segment: collects a transaction's records and applies them at its COMMIT;
   * records before {@code from} are only counted.
   */
  private final class SegmentReplay implements LogScanner.Visitor {

    private final Segment segment;
    private final long from;
    private final ReplayQueue queue;
    private final boolean newest;
    private final List<Damage> damage = new ArrayList<>();
    private final LongList puts = new LongList();
    private final LongList takes = new LongList();
    private long transaction = -1;
    private boolean pending;
    private boolean damagedSincePending;
    private long records;
    private long highestTransaction = -1;
    /** Whether the segment ends in damage with no good record after it. */
    private boolean endsTorn;

    SegmentReplay(Segment segment, long from, ReplayQueue queue, boolean newest) {
      this.segment = segment;
      this.from = from;
      this.queue = queue;
      this.newest = newest;
    }

    @Override
    public void record(long offset, byte type, long transactionId, ByteBuffer buffer,
        int payloadAt, int payloadLength) {
      records++;
      highestTransaction = Math.max(highestTransaction, transactionId);
      if (offset < from) {
        return;
      }
      if (pending && transactionId != transaction) {
        dropPending("transaction " + transactionId + " began before its COMMIT");
      }
      if (!pending) {
        pending = true;
        transaction = transactionId;
      }
      switch (type) {
        case LogRecords.PUT -> puts.add(Pointers.of(segment.id, (int) offset));
        case LogRecords.TAKE -> {
          int count = buffer.getInt(payloadAt);
          if (count < 0 || 4 + 8L * count != payloadLength) {
            report.add(Level.ERROR, segment.path + " at offset " + offset + ": a TAKE record "
                + "whose count (" + count + ") does not match its length; ignored");
            return;
          }
          for (int i = 0; i < count; i++) {
            takes.add(buffer.getLong(payloadAt + 4 + 8 * i));
          }
        }
        default -> commit(offset, buffer.getInt(payloadAt), buffer.getInt(payloadAt + 4));
      }
    }

    @Override
    public void damaged(long offset, long length, String problem, boolean resynced) {
      endsTorn = !resynced;
      Damage region = new Damage(segment.path, offset, length, problem, newest && !resynced);
      damage.add(region);
      report.damaged(region);
      if (region.tornTail()) {
        report.add(Level.WARNING, region + ": replay stops at the last good record before it");
      } else {
        report.add(Level.ERROR, region + (resynced ? "; replay goes on at the next good record, "
            + "offset " + (offset + length) : "; nothing good follows in this segment"));
      }
      if (offset >= from) {
        damagedSincePending |= pending;
      }
    }

    private void commit(long offset, int expectedPuts, int expectedTakes) {
      if (puts.size() < expectedPuts || takes.size() < expectedTakes) {
        long missing = expectedPuts - puts.size();
        report.add(Level.ERROR, segment.path + ": transaction " + transaction + " (COMMIT at "
            + offset + ") committed " + expectedPuts + " puts and " + expectedTakes + " takes, of"
            + " which " + puts.size() + " and " + takes.size() + " are readable: the others were"
            + " in damaged records" + (missing > 0 ? "; " + Sizes.count(missing, "event")
                + (missing == 1 ? " is" : " are") + " lost" : "")
            + (expectedTakes > takes.size() ? "; events whose takes are lost come back" : ""));
        report.lost(Math.max(0, missing));
      }
      for (int i = 0; i < puts.size(); i++) {
        queue.add(puts.get(i));
      }
      for (int i = 0; i < takes.size(); i++) {
        queue.take(takes.get(i));
      }
      report.replayed(puts.size(), takes.size());
      clearPending();
    }

    void finish() {
      if (pending) {
        dropPending(newest ? null : "the segment ends first");
      }
    }

    /** A transaction without a COMMIT: its records are ignored, as the log format says. */
    private void dropPending(String why) {
      if (why == null) {
        report.add(Level.INFO, segment.path + ": transaction " + transaction + " ("
            + puts.size() + " puts, " + takes.size() + " takes) has no COMMIT: a write that a "
            + "crash interrupted (with fsyncPerTransaction, never acknowledged); not replayed");
      } else {
        report.add(damagedSincePending ? Level.ERROR : Level.WARNING, segment.path
            + ": transaction " + transaction + " (" + puts.size() + " puts, " + takes.size()
            + " takes) has no readable COMMIT (" + why + (damagedSincePending
                ? ", after a damaged region" : "") + "): not replayed; if it had been "
            + "acknowledged, its " + Sizes.count(puts.size(), "event") + " are lost");
      }
      clearPending();
    }

    private void clearPending() {
      puts.clear();
      takes.clear();
      pending = false;
      damagedSincePending = false;
    }
  }

  /** A growable {@code long[]}. */
  private static final class LongList {
    private long[] values = new long[64];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long get(int index) {
      return values[index];
    }

    int size() {
      return size;
    }

    void clear() {
      size = 0;
    }
  }
}
