package io.flumelab.labs.resumable;

import io.flumelab.harness.ReadmePoints;
import org.junit.jupiter.api.Test;

/** The README's points table is the one the tests grade by; not graded itself. */
class ReadmePointsTest {

  @Test
  void readmeListsTheGradedTests() {
    ReadmePoints.assertReadmeMatches(ResumableSourceIT.class);
  }
}
