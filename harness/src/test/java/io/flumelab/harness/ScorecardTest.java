package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.Outcomes.Run;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The table a student reads. */
class ScorecardTest {

  private static final String N = System.lineSeparator();

  @Test
  void showsTheScoreThenEachTestWithWhyItFailed() throws Exception {
    Outcomes outcomes = new Outcomes();
    outcomes.add(Sample.class, Sample.class.getDeclaredMethod("first"), new Run(null, true, List.of()));
    outcomes.add(Sample.class, Sample.class.getDeclaredMethod("second"),
        new Run(null, false, List.of("expected 3 lines", "saw 2")));

    Scorecard scorecard = Scorecard.of(DeclaredTests.of(Sample.class), outcomes);

    assertThat(scorecard.table("Lab 99: sample", "answers")).isEqualTo(N
        + "Lab 99: sample: 10/30 points (answers)" + N
        + "  PASS  10  first" + N
        + "  FAIL  20  second" + N
        + "              expected 3 lines" + N
        + "              saw 2" + N);
  }

  @Test
  void whenTheClassFailedFirstSaysWhyOnceNotPerTest() {
    Outcomes outcomes = new Outcomes();
    outcomes.classFailed(Sample.class, "", new IllegalStateException("HDFS did not start\nport in use"));

    Scorecard scorecard = Scorecard.of(DeclaredTests.of(Sample.class), outcomes);

    assertThat(scorecard.table("Lab 99: sample", "answers")).isEqualTo(N
        + "Lab 99: sample: 0/30 points (answers)" + N
        + "  no test ran: HDFS did not start" + N
        + "               port in use" + N
        + "  FAIL  10  first" + N
        + "  FAIL  20  second" + N);
  }

  @Test
  void aTestThatNeverReportedIsAFailWorthItsPoints() {
    Scorecard scorecard = Scorecard.of(DeclaredTests.of(Sample.class), new Outcomes());

    assertThat(scorecard.earned()).isZero();
    assertThat(scorecard.total()).isEqualTo(30);
    assertThat(scorecard.tsv()).contains("first\t10\t0\tFAIL\tdid not run\n");
  }

  static class Sample {
    @Test
    @Order(1)
    @Points(10)
    @DisplayName("first")
    void first() {}

    @Test
    @Order(2)
    @Points(20)
    @DisplayName("second")
    void second() {}
  }
}
