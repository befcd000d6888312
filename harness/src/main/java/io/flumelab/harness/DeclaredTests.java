package io.flumelab.harness;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Every test method a test class declares, those of its {@code @Nested} classes included, in
 * {@code @Order} order. A class is graded on this list rather than on the tests that reported, so
 * a test that never ran still counts in the total.
 */
final class DeclaredTests {

  private DeclaredTests() {}

  static List<DeclaredTest> of(Class<?> testClass) {
    List<DeclaredTest> tests = new ArrayList<>();
    collect(testClass, "", tests);
    return List.copyOf(tests);
  }

  private static void collect(Class<?> testClass, String labelPrefix, List<DeclaredTest> tests) {
    ReflectionSupport.findMethods(testClass, DeclaredTests::isTest, HierarchyTraversalMode.TOP_DOWN)
        .stream()
        .sorted(byOrderThenName(Method::getName))
        .forEach(method -> tests.add(new DeclaredTest(testClass, method,
            labelPrefix + displayName(method), points(method))));
    // JUnit runs a class's own tests first, then its @Nested classes
    ReflectionSupport.findNestedClasses(testClass,
            nested -> AnnotationSupport.isAnnotated(nested, Nested.class))
        .stream()
        .sorted(byOrderThenName(Class::getSimpleName))
        .forEach(nested -> collect(nested, labelPrefix + displayName(nested) + " > ", tests));
  }

  /** {@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest}...: all are {@code @Testable}. */
  private static boolean isTest(Method method) {
    return AnnotationSupport.isAnnotated(method, Testable.class);
  }

  private static int points(Method method) {
    Points points = method.getAnnotation(Points.class);
    return points == null ? 0 : points.value();
  }

  /** JUnit's default display names: {@code name(ParameterType, ...)} for a method. */
  private static String displayName(Method method) {
    return AnnotationSupport.findAnnotation(method, DisplayName.class).map(DisplayName::value)
        .orElseGet(() -> method.getName() + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")")));
  }

  private static String displayName(Class<?> testClass) {
    return AnnotationSupport.findAnnotation(testClass, DisplayName.class).map(DisplayName::value)
        .orElse(testClass.getSimpleName());
  }

  /** Without {@code @Order} a test comes after the ordered ones, as with JUnit's orderer. */
  private static <T extends AnnotatedElement> Comparator<T> byOrderThenName(
      Function<T, String> name) {
    Function<T, Integer> order = element -> AnnotationSupport.findAnnotation(element, Order.class)
        .map(Order::value).orElse(Order.DEFAULT);
    return Comparator.comparing(order).thenComparing(name);
  }
}
