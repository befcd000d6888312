package io.flumelab.labs.durability;

import io.flumelab.harness.ReadmePoints;
import org.junit.jupiter.api.Test;

/** The README's four points tables are the ones the parts' tests grade by; not graded itself. */
class ReadmePointsTest {

  @Test
  void readmeListsTheGradedTests() {
    ReadmePoints.assertReadmeMatches(KillIT.class, BatchIT.class, FullChannelIT.class,
        CountersIT.class);
  }
}
