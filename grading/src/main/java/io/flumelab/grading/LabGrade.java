package io.flumelab.grading;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One student's grade in one lab: every test of the reference run (the catalog), each earned or
 * lost, and a note when the lab as a whole went wrong (not handed in, did not build, timed out).
 */
record LabGrade(String lab, List<TestGrade> tests, Optional<String> note, Duration elapsed) {

  /**
   * The catalog's tests with the student's results: a test the student's run did not report (it
   * did not build, or was stopped) is lost, with {@code whyMissing} as its reason.
   */
  static LabGrade of(String lab, List<TestGrade> catalog, List<TestGrade> reported,
      Optional<String> note, String whyMissing, Duration elapsed) {
    List<TestGrade> tests = catalog.stream()
        .map(expected -> reported.stream()
            .filter(test -> test.testClass().equals(expected.testClass())
                && test.name().equals(expected.name()))
            .findFirst()
            .map(test -> new TestGrade(expected.testClass(), expected.name(), expected.points(),
                test.passed() ? expected.points() : 0, test.passed(), test.reason(),
                expected.hidden()))
            .orElseGet(() -> expected.failedBecause(whyMissing)))
        .toList();
    return new LabGrade(lab, tests, note, elapsed);
  }

  int earned() {
    return tests.stream().mapToInt(TestGrade::earned).sum();
  }

  int points() {
    return tests.stream().mapToInt(TestGrade::points).sum();
  }
}
