package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A file saved as "UTF-8 with BOM" reads like any other: the mark is not part of line 1's key. */
class ByteOrderMarkTest {

  @Test
  void aByteOrderMarkBeforeLineOneIsIgnored() {
    assertThat(problems("\uFEFF" + MalformedConfigTest.lab01())).isEmpty();
  }
}
