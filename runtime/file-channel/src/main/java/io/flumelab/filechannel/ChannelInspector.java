package io.flumelab.filechannel;

import io.flumelab.filechannel.RecoveryReport.Damage;
import io.flumelab.filechannel.RecoveryReport.Finding;
import io.flumelab.filechannel.RecoveryReport.Level;
import io.flumelab.filechannel.RecoveryReport.SegmentSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Looks at a file channel's directories without changing anything, for
 * {@code flume-ng channel-inspect}: what a start would recover (the checkpoint and the replay
 * after it), each segment with its size and live events, and every record's checksum. A channel
 * that holds the directories is reported, not waited for: the figures are then a snapshot of files
 * being written.
 */
public final class ChannelInspector {

  /** Exit statuses of an inspection. */
  public static final int CLEAN = 0;
  public static final int DAMAGED = 1;
  public static final int UNREADABLE = 2;

  private ChannelInspector() {}

  /**
   * Inspects the directories.
   *
   * @param backupCheckpointDir null when the channel has no backup checkpoint
   */
  public static Inspection inspect(Path checkpointDir, Path backupCheckpointDir,
      List<Path> dataDirs) {
    List<Path> checkpointDirs = new ArrayList<>();
    checkpointDirs.add(checkpointDir);
    if (backupCheckpointDir != null) {
      checkpointDirs.add(backupCheckpointDir);
    }
    List<String> lines = new ArrayList<>();
    lines.add("File channel in " + checkpointDir + " and " + join(dataDirs));
    List<String> missing = new ArrayList<>();
    for (Path dir : dataDirs) {
      if (!Files.isDirectory(dir)) {
        missing.add(dir.toString());
      }
    }
    if (!Files.isDirectory(checkpointDir) && missing.size() == dataDirs.size()) {
      lines.add("Nothing to inspect: neither " + checkpointDir + " nor " + join(dataDirs)
          + " is a directory. Check the paths against the channel's checkpointDir and dataDirs.");
      return new Inspection(lines, UNREADABLE);
    }
    Map<String, List<String>> holders = new LinkedHashMap<>();
    List<Path> all = new ArrayList<>(checkpointDirs);
    all.addAll(dataDirs);
    for (Path dir : all) {
      DirectoryLock.holder(dir).ifPresent(holder ->
          holders.computeIfAbsent(holder, h -> new ArrayList<>()).add(dir.toString()));
    }
    holders.forEach((holder, dirs) -> lines.add("In use by " + holder + " (" + String.join(", ",
        dirs) + "): a running channel; these are its files as they are now, still being "
        + "written. Nothing is changed or locked."));
    missing.forEach(dir -> lines.add("Data directory " + dir + " does not exist."));

    Recovery.Result result;
    try {
      result = new Recovery(checkpointDirs, dataDirs, false).run();
    } catch (IOException e) {
      lines.add("Cannot read the channel's files: " + e + ". Run it as a user who may read "
          + "them (the agent's).");
      return new Inspection(lines, UNREADABLE);
    } finally {
      lines.add("");
    }
    try {
      RecoveryReport report = result.report();
      describeCheckpoint(report, checkpointDirs, lines);
      lines.add("");
      lines.add("Events queued: " + number(result.pointers().length)
          + (report.checkpoint() == null ? ", from a replay of the whole log"
              : ", " + number(report.checkpoint().pointers().length) + " in the checkpoint")
          + ", then " + number(report.replayedTransactions()) + " transactions replayed ("
          + number(report.replayedPuts()) + " puts, " + number(report.replayedTakes())
          + " takes)");
      lines.add("");
      describeSegments(report, result.pointers(), lines);
      lines.add("");
      int status = describeIntegrity(report, lines);
      return new Inspection(lines, status);
    } finally {
      for (Segment segment : result.segments()) {
        try {
          segment.close();
        } catch (IOException ignored) {
          // read-only handles: nothing to lose
        }
      }
    }
  }

  private static void describeCheckpoint(RecoveryReport report, List<Path> checkpointDirs,
      List<String> lines) {
    Checkpoint checkpoint = report.checkpoint();
    if (checkpoint == null) {
      lines.add("Checkpoint: none usable in " + join(checkpointDirs) + "; a start replays the "
          + "whole log.");
      return;
    }
    Instant written = Instant.ofEpochMilli(checkpoint.writtenAtMillis());
    lines.add("Checkpoint: " + report.checkpointFile());
    lines.add("  written   " + written + " (" + age(Duration.between(written, Instant.now()))
        + " ago)");
    lines.add("  position  " + Pointers.describe(checkpoint.position())
        + " (a start replays the log from there)");
    lines.add("  queued    " + number(checkpoint.pointers().length) + " events");
  }

  private static void describeSegments(RecoveryReport report, long[] pointers,
      List<String> lines) {
    Map<Integer, Long> live = new TreeMap<>();
    for (long pointer : pointers) {
      live.merge(Pointers.segment(pointer), 1L, Long::sum);
    }
    List<SegmentSummary> segments = report.segments();
    if (segments.isEmpty()) {
      lines.add("Segments: none.");
      return;
    }
    lines.add("Segments:");
    lines.add(String.format(Locale.ROOT, "  %-14s %10s %10s %12s  %s", "segment", "size",
        "records", "live events", "directory"));
    for (SegmentSummary segment : segments) {
      lines.add(String.format(Locale.ROOT, "  %-14s %10s %,10d %,12d  %s",
          SegmentFiles.name(segment.id()), Sizes.of(segment.bytes()), segment.records(),
          live.getOrDefault(segment.id(), 0L), segment.path().getParent()));
    }
    lines.add("  A segment is deleted once it holds no live event, it and every older one.");
  }

  private static int describeIntegrity(RecoveryReport report, List<String> lines) {
    List<Damage> damage = report.damage();
    List<Finding> problems = report.findings().stream()
        .filter(f -> f.level() != Level.INFO).toList();
    if (damage.isEmpty() && problems.isEmpty()) {
      lines.add("Integrity: clean. Every record's checksum matches and every queued event is "
          + "readable.");
      return CLEAN;
    }
    lines.add("Integrity: " + (damage.isEmpty() ? "" : damage.size() + " damaged region"
        + (damage.size() == 1 ? "" : "s") + ", ") + (report.eventsLost() == 0
            ? "no committed event known lost"
            : Sizes.count(report.eventsLost(), "committed event") + " lost"));
    for (Damage region : damage) {
      lines.add("  " + (region.tornTail() ? "TORN    " : "DAMAGED ") + region.file() + " offset "
          + region.offset() + ": " + region.problem() + " (" + Sizes.of(region.length()) + ")"
          + (region.tornTail() ? " - the end of a write a crash interrupted: only an "
              + "unacknowledged transaction, which the next start cuts off" : ""));
    }
    for (Finding finding : problems) {
      lines.add("  " + (finding.level() == Level.ERROR ? "ERROR   " : "WARNING ")
          + finding.message());
    }
    return DAMAGED;
  }

  private static String age(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }

  private static String number(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String join(List<Path> dirs) {
    return String.join(", ", dirs.stream().map(Path::toString).toList());
  }

  /** What an inspection found, as lines for a person, and its exit status. */
  public record Inspection(List<String> lines, int exitStatus) {

    public Inspection {
      lines = List.copyOf(lines);
    }

    public String render() {
      return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

  }
}
