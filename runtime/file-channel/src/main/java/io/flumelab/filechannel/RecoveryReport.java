package io.flumelab.filechannel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a recovery found and did, for the log and for {@code flume-ng channel-inspect}: where it
 * started from, what it replayed, each damaged region, and each event it could not keep, with the
 * reason.
 */
final class RecoveryReport {

  /** How much a finding matters: ERROR means committed events may be lost. */
  enum Level { INFO, WARNING, ERROR }

  record Finding(Level level, String message) {}

  /**
   * A region of a segment without good records.
   *
   * @param tornTail whether it ends the newest segment with nothing good after it: what a crash
   *     in the middle of a write leaves, holding only a transaction never acknowledged
   */
  record Damage(Path file, long offset, long length, String problem, boolean tornTail) {

    @Override
    public String toString() {
      return file + " at offset " + offset + ": " + problem + " (" + Sizes.of(length)
          + (tornTail ? ", the torn tail of an interrupted write)" : ")");
    }
  }

  /** A segment as recovery saw it. */
  record SegmentSummary(int id, Path path, long bytes, long records) {}

  private final List<Finding> findings = new ArrayList<>();
  private final List<Damage> damage = new ArrayList<>();
  private final List<SegmentSummary> segments = new ArrayList<>();
  private Checkpoint checkpoint;
  private Path checkpointFile;
  private long replayedTransactions;
  private long replayedPuts;
  private long replayedTakes;
  private long eventsLost;
  private int eventsRecovered;

  void add(Level level, String message) {
    findings.add(new Finding(level, message));
  }

  void damaged(Damage region) {
    damage.add(region);
  }

  void segment(SegmentSummary summary) {
    segments.add(summary);
  }

  void usedCheckpoint(Checkpoint used, Path file) {
    checkpoint = used;
    checkpointFile = file;
  }

  void replayed(long puts, long takes) {
    replayedTransactions++;
    replayedPuts += puts;
    replayedTakes += takes;
  }

  void lost(long events) {
    eventsLost += events;
  }

  void recovered(int events) {
    eventsRecovered = events;
  }

  List<Finding> findings() {
    return List.copyOf(findings);
  }

  List<Damage> damage() {
    return List.copyOf(damage);
  }

  List<SegmentSummary> segments() {
    return List.copyOf(segments);
  }

  /** The checkpoint replay started from, or null for a replay of the whole log. */
  Checkpoint checkpoint() {
    return checkpoint;
  }

  Path checkpointFile() {
    return checkpointFile;
  }

  long replayedTransactions() {
    return replayedTransactions;
  }

  long replayedPuts() {
    return replayedPuts;
  }

  long replayedTakes() {
    return replayedTakes;
  }

  /** Committed events recovery could not keep (damaged or missing), as far as it can tell. */
  long eventsLost() {
    return eventsLost;
  }

  int eventsRecovered() {
    return eventsRecovered;
  }

  /** Whether anything beyond a torn tail was damaged or lost. */
  boolean isClean() {
    return eventsLost == 0 && damage.stream().allMatch(Damage::tornTail)
        && findings.stream().noneMatch(f -> f.level() == Level.ERROR);
  }

  /** One line for the log: what was recovered from where. */
  String summary() {
    String from = checkpoint == null ? "the whole log (no usable checkpoint)"
        : checkpointFile + " (" + checkpoint.pointers().length + " events, position "
            + Pointers.describe(checkpoint.position()) + ")";
    return eventsRecovered + " events recovered from " + from + " and " + replayedTransactions
        + " transactions replayed (" + replayedPuts + " puts, " + replayedTakes + " takes)"
        + (damage.isEmpty() ? "" : "; " + damage.size() + " damaged regions")
        + (eventsLost == 0 ? "" : "; " + eventsLost + " events lost");
  }
}
