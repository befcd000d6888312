package io.flumelab.grading;

/** One graded test of a lab: its class (a tsv file), name, points, whether it passed and why not. */
record TestGrade(String testClass, String name, int points, int earned, boolean passed,
    String reason, boolean hidden) {

  TestGrade failedBecause(String why) {
    return new TestGrade(testClass, name, points, 0, false, why, hidden);
  }
}
