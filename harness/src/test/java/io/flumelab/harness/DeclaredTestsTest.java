package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a class is graded on: every test it declares, whether or not it ran. */
class DeclaredTestsTest {

  @Test
  void listsEveryTestInOrderThenNestedClassesWithTheirNamesAsPrefix() {
    assertThat(DeclaredTests.of(Sample.class)).extracting(DeclaredTest::label, DeclaredTest::points)
        .containsExactly(
            tuple("inherited", 1),
            tuple("first", 10),
            tuple("parameterized", 20),
            tuple("repeated", 5),
            tuple("unordered(int)", 0),
            tuple("when nested > inner", 3),
            tuple("when nested > Deeper > deepest", 2));
  }

  @Test
  void aTestWithoutPointsIsListedButNotGraded() {
    assertThat(DeclaredTests.of(Sample.class)).filteredOn(test -> !test.hasPoints())
        .extracting(DeclaredTest::label).containsExactly("unordered(int)");
  }

  static class Base {
    @Test
    @Order(0)
    @Points(1)
    @DisplayName("inherited")
    void inherited() {}
  }

  static class Sample extends Base {
    @ParameterizedTest
    @ValueSource(ints = 1)
    void unordered(int value) {}

    @RepeatedTest(2)
    @Order(3)
    @Points(5)
    @DisplayName("repeated")
    void repeated() {}

    @Test
    @Order(1)
    @Points(10)
    @DisplayName("first")
    void first() {}

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @Order(2)
    @Points(20)
    @DisplayName("parameterized")
    void parameterized(int value) {}

    void notATest() {}

    @Nested
    @DisplayName("when nested")
    class WhenNested {
      @Test
      @Points(3)
      @DisplayName("inner")
      void inner() {}

      @Nested
      class Deeper {
        @Test
        @Points(2)
        @DisplayName("deepest")
        void deepest() {}
      }
    }
  }
}
