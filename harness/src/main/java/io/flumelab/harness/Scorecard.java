package io.flumelab.harness;

import io.flumelab.harness.Outcomes.ClassFailure;
import io.flumelab.harness.Outcomes.Run;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A test class's score: one row per declared test, which earns its points only when it passed.
 * It prints as a table for the student and writes as TSV for instructors' tools ({@code .ci/run}
 * reads the columns {@code test, points, earned, result, reason}).
 */
final class Scorecard {

  static final String DID_NOT_FINISH = "did not finish: the test JVM ended before this class's "
      + "tests did (crash, System.exit, out of memory); see the failsafe reports";

  private static final String REASON_INDENT = "              ";

  /** {@code explainedAbove}: the test did not run because its class failed, said once above. */
  private record Row(String test, int points, boolean passed, List<String> reason,
      boolean explainedAbove) {

    int earned() {
      return passed ? points : 0;
    }
  }

  private final Set<ClassFailure> classFailures;
  private final List<Row> rows;

  private Scorecard(Set<ClassFailure> classFailures, List<Row> rows) {
    this.classFailures = classFailures;
    this.rows = rows;
  }

  /** Written before the tests run, so that a JVM which dies leaves every point lost, and why. */
  static Scorecard unfinished(List<DeclaredTest> tests) {
    return new Scorecard(Set.of(), tests.stream()
        .map(test -> new Row(test.label(), test.points(), false, List.of(DID_NOT_FINISH), false))
        .toList());
  }

  static Scorecard of(List<DeclaredTest> tests, Outcomes outcomes) {
    Set<ClassFailure> failures = new LinkedHashSet<>();
    List<Row> rows = new ArrayList<>();
    for (DeclaredTest test : tests) {
      List<Run> runs = outcomes.runsOf(test);
      Optional<ClassFailure> classFailure = outcomes.failureOf(test.testClass());
      if (runs.isEmpty() && classFailure.isPresent()) {
        failures.add(classFailure.get());
        rows.add(new Row(test.label(), test.points(), false,
            prefixed("did not run: ", classFailure.get().lines()), true));
      } else {
        rows.add(graded(test, runs));
      }
    }
    return new Scorecard(failures, rows);
  }

  /** A template (parameterized, repeated) passes only when it ran and every invocation passed. */
  private static Row graded(DeclaredTest test, List<Run> runs) {
    if (runs.isEmpty()) {
      return new Row(test.label(), test.points(), false, List.of("did not run"), false);
    }
    List<Run> failed = runs.stream().filter(run -> !run.passed()).toList();
    if (failed.isEmpty()) {
      return new Row(test.label(), test.points(), true, List.of(), false);
    }
    Run first = failed.get(0);
    if (first.invocation() == null) {
      return new Row(test.label(), test.points(), false, first.reason(), false);
    }
    List<String> reason = new ArrayList<>();
    reason.add(failed.size() + " of " + runs.size() + " invocations failed: "
        + failed.stream().map(Run::invocation).collect(Collectors.joining(", ")));
    reason.addAll(prefixed(first.invocation() + ": ", first.reason()));
    return new Row(test.label(), test.points(), false, reason, false);
  }

  private static List<String> prefixed(String prefix, List<String> lines) {
    if (lines.isEmpty()) {
      return List.of(prefix.strip());
    }
    List<String> result = new ArrayList<>(lines);
    result.set(0, prefix + result.get(0));
    return result;
  }

  int earned() {
    return rows.stream().mapToInt(Row::earned).sum();
  }

  int total() {
    return rows.stream().mapToInt(Row::points).sum();
  }

  /** The table the student reads: the score, why tests did not run (once), then each test. */
  String table(String title, String whose) {
    StringBuilder table = new StringBuilder(
        String.format("%n%s: %d/%d points (%s)%n", title, earned(), total(), whose));
    for (ClassFailure failure : classFailures) {
      String heading = failure.nestedClass().isEmpty()
          ? "  no test ran: "
          : "  no test of " + failure.nestedClass() + " ran: ";
      appendLines(table, heading, " ".repeat(heading.length()), failure.lines());
    }
    for (Row row : rows) {
      table.append(String.format("  %-4s %3d  %s%n", row.passed() ? "PASS" : "FAIL", row.points(),
          row.test()));
      if (!row.passed() && !row.explainedAbove()) {
        appendLines(table, REASON_INDENT, REASON_INDENT, row.reason());
      }
    }
    return table.toString();
  }

  private static void appendLines(StringBuilder out, String first, String next, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      out.append(i == 0 ? first : next).append(lines.get(i)).append(System.lineSeparator());
    }
  }

  /** One line per test; a reason's lines are joined, so that each row stays one line. */
  String tsv() {
    StringBuilder tsv = new StringBuilder("test\tpoints\tearned\tresult\treason\n");
    for (Row row : rows) {
      tsv.append(String.join("\t", oneLine(row.test()), String.valueOf(row.points()),
          String.valueOf(row.earned()), row.passed() ? "PASS" : "FAIL",
          oneLine(String.join(" / ", row.reason())))).append('\n');
    }
    return tsv.toString();
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\t\\r\\n]+", " ");
  }
}
