package io.flumelab.core.source.spooldir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the files of a spooling directory still to be read and picks the next one. Skipped: names
 * starting with a dot (the tracker directory among them), names ending with the done suffix, names
 * that do not match includePattern or that match ignorePattern (whole-name matches, as in Flume),
 * and directories unless recursiveDirectorySearch is on.
 */
final class SpoolScanner {

  enum ConsumeOrder { OLDEST, YOUNGEST, RANDOM }

  /** A candidate file with the attributes it was chosen by. */
  record Candidate(Path path, long size, long modified) {}

  private static final Comparator<Candidate> OLDEST_FIRST = Comparator
      .comparingLong(Candidate::modified).thenComparing(c -> c.path().toString());
  private static final Comparator<Candidate> YOUNGEST_FIRST = Comparator
      .comparingLong(Candidate::modified).reversed().thenComparing(c -> c.path().toString());

  private final Path spoolDir;
  private final Path trackerDir;
  private final String doneSuffix;
  private final Pattern include;
  private final Pattern ignore;
  private final boolean recursive;
  private final ConsumeOrder order;

  SpoolScanner(Path spoolDir, Path trackerDir, String doneSuffix, Pattern include, Pattern ignore,
      boolean recursive, ConsumeOrder order) {
    this.spoolDir = spoolDir;
    this.trackerDir = trackerDir;
    this.doneSuffix = doneSuffix;
    this.include = include;
    this.ignore = ignore;
    this.recursive = recursive;
    this.order = order;
  }

  /** The next file to read among those {@code eligible} accepts, or null. */
  Candidate next(Predicate<Candidate> eligible) throws IOException {
    List<Candidate> candidates = new ArrayList<>();
    collect(spoolDir, candidates);
    candidates.removeIf(eligible.negate());
    if (candidates.isEmpty()) {
      return null;
    }
    return switch (order) {
      case OLDEST -> candidates.stream().min(OLDEST_FIRST).orElseThrow();
      case YOUNGEST -> candidates.stream().min(YOUNGEST_FIRST).orElseThrow();
      case RANDOM -> candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    };
  }

  private void collect(Path dir, List<Candidate> into) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path path : (Iterable<Path>) entries::iterator) {
        String name = path.getFileName().toString();
        if (name.startsWith(".") || path.equals(trackerDir)) {
          continue;
        }
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // removed while we looked
        }
        if (attrs.isDirectory()) {
          if (recursive) {
            collect(path, into);
          }
        } else if (attrs.isRegularFile() && !name.endsWith(doneSuffix)
            && include.matcher(name).matches() && !ignore.matcher(name).matches()) {
          into.add(new Candidate(path, attrs.size(), attrs.lastModifiedTime().toMillis()));
        }
      }
    }
  }
}
