package io.flumelab.core.config;

import java.util.List;

/**
 * The configuration cannot run. Carries every problem found (and the warnings), so the launcher
 * prints them all at once instead of making the user fix one per start.
 */
public class InvalidConfigFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final transient List<Problem> problems;

  public InvalidConfigFileException(String file, List<Problem> problems) {
    super(ProblemReport.render(file, problems, "the agent was not started"));
    this.file = file;
    this.problems = ProblemReport.sorted(problems);
  }

  public String getFile() {
    return file;
  }

  /** Problems and warnings in file order. */
  public List<Problem> getProblems() {
    return problems;
  }

  /** The errors only. */
  public List<Problem> getErrors() {
    return problems.stream().filter(Problem::isError).toList();
  }
}
