package io.flumelab.harness;

import java.lang.reflect.Method;

/**
 * A test method as a lab test class declares it: the class JUnit runs it in (a {@code @Nested}
 * class for the tests inside one), its label in the score table and the README, and its points.
 */
record DeclaredTest(Class<?> testClass, Method method, String label, int points) {

  /** Graded tests carry {@link Points}; a test without them still shows in the score, worth 0. */
  boolean hasPoints() {
    return method.isAnnotationPresent(Points.class);
  }
}
