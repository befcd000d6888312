package io.flumelab.harness;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What JUnit reported while one top-level test class ran: each test method's runs (one, or one per
 * invocation of a parameterized or repeated test), and the classes that failed outside any test
 * (a {@code @BeforeAll}, an extension's {@code beforeAll}).
 */
final class Outcomes {

  /** One run of a test method; {@code invocation} names a template's invocation, else is null. */
  record Run(String invocation, boolean passed, List<String> reason) {}

  /**
   * Why a class's tests did not run; {@code nestedClass} names a {@code @Nested} class that failed,
   * and is empty when the top-level class did.
   */
  record ClassFailure(String nestedClass, List<String> lines) {}

  private record TestKey(Class<?> testClass, Method method) {}

  private final Map<TestKey, List<Run>> runs = new HashMap<>();
  private final Map<Class<?>, ClassFailure> classFailures = new HashMap<>();

  synchronized void add(Class<?> testClass, Method method, Run run) {
    runs.computeIfAbsent(new TestKey(testClass, method), key -> new ArrayList<>()).add(run);
  }

  synchronized List<Run> runsOf(DeclaredTest test) {
    return List.copyOf(runs.getOrDefault(new TestKey(test.testClass(), test.method()), List.of()));
  }

  synchronized void classFailed(Class<?> testClass, String nestedClass, Throwable failure) {
    classFailures.put(testClass, new ClassFailure(nestedClass, firstLines(failure)));
  }

  /** Why a class's tests could not run: its own failure, or that of a class enclosing it. */
  synchronized Optional<ClassFailure> failureOf(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      if (classFailures.containsKey(c)) {
        return Optional.of(classFailures.get(c));
      }
    }
    return Optional.empty();
  }

  /** The first lines say what failed; a whole agent log or stack would drown the table. */
  static List<String> firstLines(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    List<String> lines = message.lines().filter(line -> !line.isBlank()).limit(3).toList();
    return lines.isEmpty() ? List.of(failure.toString()) : lines;
  }
}
