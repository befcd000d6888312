package io.flumelab.labs.interceptors;

import io.flumelab.harness.ReadmePoints;
import org.junit.jupiter.api.Test;

/** The README's two points tables are the ones the parts' tests grade by; not graded itself. */
class ReadmePointsTest {

  @Test
  void readmeListsTheGradedTests() {
    ReadmePoints.assertReadmeMatches(MultiplexingIT.class, ProducerInterceptorsIT.class);
  }
}
