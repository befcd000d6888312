package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepeatsTest {

  private static LabGrade run(boolean first, boolean second) {
    return new LabGrade("01-x", List.of(
        new TestGrade("AIT", "steady", 10, 10, true, "", false),
        new TestGrade("AIT", "wobbly", 5, first ? 5 : 0, first, first ? "" : "timed out", false),
        new TestGrade("AIT", "broken", 5, second ? 5 : 0, second, "wrong", true)),
        Optional.empty(), Duration.ofSeconds(2));
  }

  @Test
  void aTestThatPassedAndFailedIsFlakyEarnsItsPointsAndIsNoted() {
    LabGrade merged = Repeats.merge(List.of(run(false, false), run(true, false)));

    assertThat(merged.tests()).extracting(TestGrade::name, TestGrade::passed, TestGrade::earned)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("steady", true, 10),
            org.assertj.core.groups.Tuple.tuple("wobbly", true, 5),
            org.assertj.core.groups.Tuple.tuple("broken", false, 0));
    assertThat(merged.tests().get(1).reason())
        .isEqualTo("flaky: passed in 1 of 2 runs; a failing run said: timed out");
    assertThat(merged.note()).contains("1 flaky test(s): wobbly");
    assertThat(merged.elapsed()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void runsThatAgreeAreScoredAsOne() {
    LabGrade merged = Repeats.merge(List.of(run(true, false), run(true, false)));

    assertThat(merged.earned()).isEqualTo(15);
    assertThat(merged.note()).isEmpty();
  }
}
