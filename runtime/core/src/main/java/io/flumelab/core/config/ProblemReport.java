package io.flumelab.core.config;

import java.util.Comparator;
import java.util.List;

/** Renders findings one per line in file order, then a count line that says what happened. */
final class ProblemReport {

  private ProblemReport() {}

  static List<Problem> sorted(List<Problem> problems) {
    // stable: findings on the same line keep the order they were found in
    return problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
  }

  /** Every problem and warning, then e.g. "2 problems and 1 warning in jobs/x.conf; OUTCOME." */
  static String render(String file, List<Problem> problems, String outcome) {
    StringBuilder out = new StringBuilder();
    for (Problem problem : sorted(problems)) {
      out.append(problem.render()).append('\n');
    }
    long errors = problems.stream().filter(Problem::isError).count();
    long warnings = problems.size() - errors;
    out.append(count(errors, "problem"));
    if (warnings > 0) {
      out.append(" and ").append(count(warnings, "warning"));
    }
    out.append(" in ").append(file).append("; ").append(outcome).append('.');
    return out.toString();
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
