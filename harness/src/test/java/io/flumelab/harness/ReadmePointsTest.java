package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A README's points table is checked against the tests' @Points and @DisplayName. */
class ReadmePointsTest {

  @TempDir
  Path dir;

  @Test
  void rendersOneRowPerGradedTestInOrder() {
    assertThat(ReadmePoints.rows(Sample.class)).containsExactly(
        "| 10 | the job passes flume-ng check |",
        "| 20 | a line arrives \\| whole |");
  }

  @Test
  void acceptsAReadmeThatListsThem() throws IOException {
    Path readme = readme("# Lab", "", "| points | test |", "|---|---|",
        "| 10 | the job passes flume-ng check |", "| 20 | a line arrives \\| whole |", "", "end");

    ReadmePoints.assertReadmeMatches(readme, Sample.class);
  }

  @Test
  void aDifferentRowFailsWithTheDiffAndTheTableToPaste() throws IOException {
    Path readme = readme("| points | test |", "|---|---|",
        "| 10 | the job passes `flume-ng check` |", "| 20 | a line arrives \\| whole |");

    assertThatThrownBy(() -> ReadmePoints.assertReadmeMatches(readme, Sample.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("does not match the tests' @Points and @DisplayName")
        .hasMessageContaining("  - | 10 | the job passes `flume-ng check` |   (README)\n"
            + "  + | 10 | the job passes flume-ng check |   (tests)\n"
            + "    | 20 | a line arrives \\| whole |\n")
        .hasMessageContaining("Fix: make the README's table read as below")
        .hasMessageEndingWith("| points | test |\n|---|---|\n"
            + "| 10 | the job passes flume-ng check |\n| 20 | a line arrives \\| whole |\n");
  }

  @Test
  void anExtraRowFails() throws IOException {
    Path readme = readme("| points | test |", "|---|---|",
        "| 10 | the job passes flume-ng check |", "| 20 | a line arrives \\| whole |",
        "| 5 | a test that was removed |");

    assertThatThrownBy(() -> ReadmePoints.assertReadmeMatches(readme, Sample.class))
        .hasMessageContaining("  - | 5 | a test that was removed |   (README)");
  }

  @Test
  void rowsOutOfOrderFail() throws IOException {
    Path readme = readme("| points | test |", "|---|---|",
        "| 20 | a line arrives \\| whole |", "| 10 | the job passes flume-ng check |");

    assertThatThrownBy(() -> ReadmePoints.assertReadmeMatches(readme, Sample.class))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aReadmeWithoutAPointsTableFails() throws IOException {
    Path readme = readme("# Lab", "| job | agent |", "|---|---|", "| a.conf | a1 |");

    assertThatThrownBy(() -> ReadmePoints.assertReadmeMatches(readme, Sample.class))
        .hasMessageContaining("no points table (a `| points | test |` header) found");
  }

  private Path readme(String... lines) throws IOException {
    return Files.write(dir.resolve("README.md"), List.of(lines));
  }

  static class Sample {
    @Test
    @Order(2)
    @Points(20)
    @DisplayName("a line arrives | whole")
    void second() {}

    @Test
    @Order(1)
    @Points(10)
    @DisplayName("the job passes flume-ng check")
    void first() {}

    @Test
    @Order(3)
    @DisplayName("not graded")
    void notGraded() {}
  }
}
