package io.flumelab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps a lab README's points table true to the lab's tests, which are the one source of truth:
 * under the header {@code | points | test |}, one row {@code | <@Points> | <@DisplayName> |} per
 * graded test, in {@code @Order} order, and no other row. A lab's {@code ReadmePointsTest} calls
 * {@link #assertReadmeMatches}.
 */
public final class ReadmePoints {

  /** labs/pom.xml passes the lab's own README; without it, README.md in the working directory. */
  static final String README_PROPERTY = "flumelab.lab.readme";

  private static final Pattern HEADER = Pattern.compile("\\|\\s*points\\s*\\|\\s*test\\s*\\|");

  private ReadmePoints() {}

  /** Asserts that the lab's README lists the graded tests of these classes, in this order. */
  public static void assertReadmeMatches(Class<?>... testClasses) {
    assertReadmeMatches(Path.of(System.getProperty(README_PROPERTY, "README.md")), testClasses);
  }

  public static void assertReadmeMatches(Path readme, Class<?>... testClasses) {
    List<String> expected = rows(testClasses);
    List<String> actual = tableRows(readme);
    if (!actual.equals(expected)) {
      throw new AssertionError(mismatch(readme, actual, expected));
    }
  }

  /** The rows the tests declare: {@code | 10 | the agent stops cleanly on SIGTERM |}. */
  public static List<String> rows(Class<?>... testClasses) {
    return Arrays.stream(testClasses)
        .flatMap(testClass -> DeclaredTests.of(testClass).stream())
        .filter(DeclaredTest::hasPoints)
        // a | in a name would end its cell
        .map(test -> "| " + test.points() + " | " + test.label().replace("|", "\\|") + " |")
        .toList();
  }

  /** The rows of every points table in the file, each stripped of surrounding blanks. */
  static List<String> tableRows(Path readme) {
    List<String> lines = readLines(readme);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (HEADER.matcher(lines.get(i).strip()).matches()) {
        i += 2; // the header, then its |---|---| line
        for (; i < lines.size() && lines.get(i).strip().startsWith("|"); i++) {
          rows.add(lines.get(i).strip());
        }
      }
    }
    return rows;
  }

  private static List<String> readLines(Path readme) {
    try {
      return Files.readAllLines(readme);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the lab's README " + readme.toAbsolutePath(), e);
    }
  }

  /** Which rows differ (- README, + tests), then the table to paste. */
  private static String mismatch(Path readme, List<String> actual, List<String> expected) {
    StringBuilder message = new StringBuilder();
    message.append(readme.toAbsolutePath()).append(actual.isEmpty()
        ? ": no points table (a `| points | test |` header) found.\n"
        : ": its points table does not match the tests' @Points and @DisplayName.\n");
    for (int i = 0; i < Math.max(actual.size(), expected.size()); i++) {
      String readmeRow = i < actual.size() ? actual.get(i) : null;
      String testRow = i < expected.size() ? expected.get(i) : null;
      if (readmeRow != null && readmeRow.equals(testRow)) {
        message.append("    ").append(readmeRow).append('\n');
        continue;
      }
      if (readmeRow != null) {
        message.append("  - ").append(readmeRow).append("   (README)\n");
      }
      if (testRow != null) {
        message.append("  + ").append(testRow).append("   (tests)\n");
      }
    }
    message.append("Fix: make the README's table read as below, or change the tests' @Points or ")
        .append("@DisplayName if the README is right:\n| points | test |\n|---|---|\n");
    expected.forEach(row -> message.append(row).append('\n'));
    return message.toString();
  }
}
