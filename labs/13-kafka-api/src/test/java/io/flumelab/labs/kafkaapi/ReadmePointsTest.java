package io.flumelab.labs.kafkaapi;

import io.flumelab.harness.ReadmePoints;
import org.junit.jupiter.api.Test;

/** The README's points table is the one {@link KafkaApiIT} grades by; not a graded test itself. */
class ReadmePointsTest {

  @Test
  void readmeListsTheGradedTests() {
    ReadmePoints.assertReadmeMatches(KafkaApiIT.class);
  }
}
