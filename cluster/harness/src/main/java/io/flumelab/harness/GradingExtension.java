package io.flumelab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Scores a lab test class: each test with {@link Points} earns them when it passes. At the end the
 * class prints a table for the student and writes {@code target/flumelab-grades/<class>.tsv} for
 * instructors' tools.
 */
public final class GradingExtension implements TestWatcher, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(GradingExtension.class);

  private record Result(String test, int points, boolean passed, String reason) {}

  @Override
  public void testSuccessful(ExtensionContext context) {
    record(context, true, "");
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    // the first lines say what failed; a full agent log would drown the table
    record(context, false, String.join("\n              ",
        message.lines().filter(line -> !line.isBlank()).limit(3).toList()));
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    record(context, false, "skipped: " + cause.getMessage());
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    record(context, false, "disabled");
  }

  private void record(ExtensionContext context, boolean passed, String reason) {
    int points = context.getTestMethod().map(method -> method.getAnnotation(Points.class))
        .map(Points::value).orElse(0);
    results(context.getParent().orElseThrow())
        .add(new Result(context.getDisplayName(), points, passed, reason));
  }

  @SuppressWarnings("unchecked")
  private static List<Result> results(ExtensionContext classContext) {
    return classContext.getStore(NAMESPACE)
        .computeIfAbsent("results", key -> new ArrayList<Result>(), List.class);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<Result> results = results(context);
    int earned = results.stream().filter(Result::passed).mapToInt(Result::points).sum();
    int total = results.stream().mapToInt(Result::points).sum();
    StringBuilder table = new StringBuilder();
    table.append(String.format("%n%s: %d/%d points (%s)%n", context.getDisplayName(), earned, total,
        Lab.isAnswers() ? "answers" : "your work in " + Lab.dir()));
    StringBuilder tsv = new StringBuilder("test\tpoints\tearned\tresult\treason\n");
    for (Result result : results) {
      table.append(String.format("  %-4s %3d  %s%s%n", result.passed() ? "PASS" : "FAIL",
          result.points(), result.test(), result.passed() ? "" : "\n              " + result.reason()));
      tsv.append(String.join("\t", result.test(), String.valueOf(result.points()),
          String.valueOf(result.passed() ? result.points() : 0), result.passed() ? "PASS" : "FAIL",
          result.reason().replace('\t', ' '))).append('\n');
    }
    System.out.println(table);
    write(context.getRequiredTestClass().getSimpleName(), tsv.toString());
  }

  private static void write(String name, String tsv) {
    try {
      Path dir = Path.of("target", "flumelab-grades");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".tsv"), tsv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
