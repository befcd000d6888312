package io.flumelab.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code --repeat N}: a lab run N times for one student becomes one grade. A test that passed in
 * every run passed; one that failed in every run failed, with the first run's reason; one that
 * did both is flaky: it earns its points (the student is not charged for the tests' doubt) and
 * is reported as flaky, in its reason and in the lab's note, instead of scored silently.
 */
final class Repeats {

  static final String FLAKY = "flaky: ";

  private Repeats() {}

  static LabGrade merge(List<LabGrade> runs) {
    if (runs.size() == 1) {
      return runs.get(0);
    }
    LabGrade first = runs.get(0);
    List<TestGrade> tests = new ArrayList<>();
    List<String> flaky = new ArrayList<>();
    for (int i = 0; i < first.tests().size(); i++) {
      int index = i;
      List<TestGrade> each = runs.stream().map(run -> run.tests().get(index)).toList();
      long passed = each.stream().filter(TestGrade::passed).count();
      TestGrade test = first.tests().get(i);
      if (passed == each.size()) {
        tests.add(test);
      } else if (passed == 0) {
        tests.add(test);
      } else {
        TestGrade failure = each.stream().filter(run -> !run.passed()).findFirst().orElseThrow();
        flaky.add(test.name());
        tests.add(new TestGrade(test.testClass(), test.name(), test.points(), test.points(), true,
            FLAKY + "passed in " + passed + " of " + each.size() + " runs; a failing run said: "
                + failure.reason(), test.hidden()));
      }
    }
    List<String> notes = runs.stream().map(LabGrade::note).flatMap(Optional::stream).distinct()
        .collect(Collectors.toCollection(ArrayList::new));
    if (!flaky.isEmpty()) {
      notes.add(flaky.size() + " flaky test(s): " + String.join(", ", flaky));
    }
    Duration elapsed = runs.stream().map(LabGrade::elapsed).reduce(Duration.ZERO, Duration::plus);
    return new LabGrade(first.lab(), tests,
        notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes)), elapsed);
  }
}
