package io.flumelab.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects problems as validation goes, each with what it invalidates, so that lenient mode knows
 * which component to drop and strict mode can still check the others.
 */
final class Findings {

  /**
   * @param subject the component the problem is about, or null for the agent as a whole
   * @param dropsSubject whether the component cannot run (a bad type) or merely has a flaw that
   *     lenient mode tolerates, as Flume does (an unknown key)
   * @param fatal an agent-level problem that stops the agent even in lenient mode
   */
  record Finding(Problem problem, ComponentRef subject, boolean dropsSubject, boolean fatal) {}

  private final String file;
  private final List<Finding> findings = new ArrayList<>();

  Findings(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /** A problem that makes the subject unusable. */
  void invalid(ComponentRef subject, int line, String key, String message, String fix) {
    findings.add(new Finding(Problem.error(file, line, key, message, fix), subject, true, false));
  }

  /** A problem in strict mode that lenient mode only warns about, keeping the component. */
  void flaw(ComponentRef subject, int line, String key, String message, String fix) {
    findings.add(new Finding(Problem.error(file, line, key, message, fix), subject, false, false));
  }

  /**
   * Reports each name listed more than once in a list: an error at the list's line whose fix is
   * the list with each name once (which is how the agent reads it, as Flume does).
   *
   * @param what what the list names ("channel", "sink")
   */
  void repeats(ComponentRef subject, int line, String key, String what, List<String> written) {
    Set<String> seen = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (String name : written) {
      if (!seen.add(name) && reported.add(name)) {
        flaw(subject, line, key, what + " '" + name + "' is listed twice",
            "List each " + what + " once: " + key + " = "
                + String.join(" ", written.stream().distinct().toList()) + ".");
      }
    }
  }

  /**
   * Reports a list written with commas ({@code k1,k2}): Flume splits lists on spaces only, so it
   * would read one name "k1,k2". The list is read as meant, split on commas too, so that the rest
   * of the check is about the names the user wrote.
   */
  void commas(ComponentRef subject, int line, String key, String value) {
    if (value == null || value.indexOf(',') < 0) {
      return;
    }
    flaw(subject, line, key, "'" + value.strip() + "' is separated by commas, but lists are "
        + "separated by spaces", "Write '" + key + " = " + String.join(" ", Section.split(value))
        + "'.");
  }

  /** A problem that stops the agent in any mode. */
  void fatal(int line, String key, String message, String fix) {
    findings.add(new Finding(Problem.error(file, line, key, message, fix), null, false, true));
  }

  void warning(int line, String key, String message, String fix) {
    findings.add(new Finding(Problem.warning(file, line, key, message, fix), null, false, false));
  }

  void addAll(Findings other) {
    findings.addAll(other.findings);
  }

  List<Finding> all() {
    return List.copyOf(findings);
  }

  boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.problem().isError());
  }

  boolean hasFatal() {
    return findings.stream().anyMatch(Finding::fatal);
  }

  /** Whether a problem was already reported at this full key: one problem per key is enough. */
  boolean hasProblemAt(String key) {
    return findings.stream().anyMatch(f -> f.problem().isError() && key.equals(f.problem().key()));
  }

  /** The components some problem made unusable, in the order found. */
  Set<ComponentRef> invalidComponents() {
    Set<ComponentRef> invalid = new LinkedHashSet<>();
    for (Finding finding : findings) {
      if (finding.dropsSubject() && finding.subject() != null) {
        invalid.add(finding.subject());
      }
    }
    return invalid;
  }
}
