package io.flumelab.labs.interceptors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two faults of the notes' multiplexing fragment, found in a job file so that a test whose
 * events did not route can say which one it is and what to write instead: keys under a source
 * name the agent does not declare ({@code a1.sources.source1.selector...} where the source is
 * {@code r1}), and a comment after a value ({@code selector.header = validation # ...}).
 */
final class NotesFaults {

  private static final Pattern ENTRY = Pattern.compile("^\\s*([^=:\\s]+)\\s*[=:\\s]\\s*(.*)$");

  private NotesFaults() {}

  /** What is wrong in agent {@code agent} of the file, one sentence per line; empty when nothing. */
  static String explain(Path job, String agent) {
    List<String> lines;
    try {
      lines = Files.readAllLines(job, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + job, e);
    }
    Set<String> sources = declaredSources(lines, agent);
    Pattern sourceKey = Pattern.compile("^" + Pattern.quote(agent) + "\\.sources\\.([^.]+)\\.");
    List<String> faults = new ArrayList<>();
    Map<String, List<Integer>> strayKeys = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      Matcher entry = ENTRY.matcher(line);
      if (line.startsWith("#") || line.startsWith("!") || !entry.matches()) {
        continue;
      }
      String key = entry.group(1);
      String value = entry.group(2);
      Matcher source = sourceKey.matcher(key);
      if (source.find() && !sources.contains(source.group(1))) {
        strayKeys.computeIfAbsent(source.group(1), name -> new ArrayList<>()).add(i + 1);
      }
      int comment = value.startsWith("#") ? 0 : value.indexOf(" #");
      if (comment >= 0) {
        String meant = value.substring(0, comment).strip();
        faults.add(job.getFileName() + ":" + (i + 1) + ": " + key + " = '" + value.strip()
            + "': Java properties have no comment after a value, so the value is all of it, "
            + "comment included" + (key.endsWith(".selector.header") ? " (no event has a header "
            + "of that name, so every event goes to the default channel)" : "") + ". Put the "
            + "comment on a line of its own, starting with #, and leave '" + meant
            + "' after '='.");
      }
    }
    strayKeys.forEach((name, at) -> faults.add(0, job.getFileName() + ", lines " + at + ": keys "
        + "under " + agent + ".sources." + name + ", a source " + agent + ".sources ("
        + String.join(" ", sources) + ") does not declare: no source reads them (the notes write "
        + "source1 where their source is r1), so the selector keeps the default, replicating. "
        + "Write them under the source's own name: " + agent + ".sources."
        + (sources.isEmpty() ? "r1" : sources.iterator().next()) + ". instead of " + agent
        + ".sources." + name + "."));
    return String.join("\n", faults);
  }

  /** Appends the faults found to a message, or nothing when there are none. */
  static String withFaults(String message, Path job, String agent) {
    String faults = explain(job, agent);
    return faults.isEmpty() ? message : message + "\nThe notes' faults are in the job:\n" + faults;
  }

  private static Set<String> declaredSources(List<String> lines, String agent) {
    for (String line : lines) {
      Matcher entry = ENTRY.matcher(line);
      if (entry.matches() && entry.group(1).equals(agent + ".sources")) {
        return new LinkedHashSet<>(List.of(entry.group(2).strip().split("\\s+")));
      }
    }
    return Set.of();
  }
}
