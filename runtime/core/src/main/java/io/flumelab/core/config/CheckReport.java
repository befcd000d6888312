package io.flumelab.core.config;

import java.util.List;

/**
 * What {@code flume-ng check} prints: every problem and warning, and for a configuration that
 * would start, a one-line summary of what it runs.
 *
 * @param problems errors and warnings in file order
 * @param summary the one-line summary, or null if the agent would not start
 * @param model the agent as the file declares it, or null if the file could not be read
 */
public record CheckReport(String file, String agentName, List<Problem> problems, String summary,
    AgentModel model) {

  public CheckReport {
    problems = ProblemReport.sorted(problems);
  }

  public boolean ok() {
    return errors().isEmpty();
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** Warnings then the summary if it would start; otherwise the full problem report. */
  public String render() {
    if (!ok()) {
      return ProblemReport.render(file, problems, "the agent would not start");
    }
    StringBuilder out = new StringBuilder();
    problems.forEach(p -> out.append(p.render()).append('\n'));
    return out.append(summary).toString();
  }
}
