package io.flumelab.harness;

import io.flumelab.harness.Outcomes.Run;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Scores a lab test class: each test earns its {@link Points} when it passes. The total counts
 * every test the class declares ({@code @Nested} classes included), so points cannot drop out of
 * it: a test that never ran, because the class or a service failed first, is a FAIL that says why.
 * At the end the class prints a table for the student and writes {@code <class>.tsv} (see
 * {@link GradesDirectory}) for instructors' tools.
 */
public final class GradingExtension implements BeforeAllCallback, TestWatcher, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(GradingExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    // a test JVM that dies before afterAll leaves this file: every point lost, and why
    if (isTopLevelClass(context)) {
      write(context, Scorecard.unfinished(DeclaredTests.of(context.getRequiredTestClass())));
    }
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    record(context, true, List.of());
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    record(context, false, Outcomes.firstLines(cause));
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    record(context, false, List.of("skipped: " + cause.getMessage()));
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    record(context, false, List.of(reason.map(text -> "disabled: " + text).orElse("disabled")));
  }

  private void record(ExtensionContext context, boolean passed, List<String> reason) {
    // a parameterized or repeated test reports each invocation, in a context under the method's
    boolean invocation = context.getParent().flatMap(ExtensionContext::getTestMethod).isPresent();
    outcomes(context).add(context.getRequiredTestClass(), context.getRequiredTestMethod(),
        new Run(invocation ? context.getDisplayName() : null, passed, reason));
  }

  /**
   * JUnit calls this even when a {@code @BeforeAll} or another extension's {@code beforeAll}
   * threw; that exception says why the tests did not run. {@code @Nested} classes inherit this
   * extension: they only note their own failure, and the top-level class reports for all.
   */
  @Override
  public void afterAll(ExtensionContext context) {
    boolean topLevel = isTopLevelClass(context);
    context.getExecutionException().ifPresent(failure -> outcomes(context).classFailed(
        context.getRequiredTestClass(), topLevel ? "" : context.getDisplayName(), failure));
    if (topLevel) {
      Scorecard scorecard =
          Scorecard.of(DeclaredTests.of(context.getRequiredTestClass()), outcomes(context));
      System.out.println(scorecard.table(context.getDisplayName(),
          Lab.isAnswers() ? "answers" : "your work in " + Lab.dir()));
      write(context, scorecard);
    }
  }

  /** The results of every test under one top-level class, kept in that class's store. */
  private static Outcomes outcomes(ExtensionContext context) {
    return topLevelClass(context).getStore(NAMESPACE)
        .computeIfAbsent(Outcomes.class, key -> new Outcomes(), Outcomes.class);
  }

  private static ExtensionContext topLevelClass(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    return classContext;
  }

  private static boolean isTopLevelClass(ExtensionContext context) {
    return topLevelClass(context) == context;
  }

  private static void write(ExtensionContext context, Scorecard scorecard) {
    GradesDirectory.write(
        GradesDirectory.of(context.getConfigurationParameter(GradesDirectory.PROPERTY)),
        context.getRequiredTestClass(), scorecard.tsv());
  }
}
