package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit status of {@code bin/flumelab grade} says whether grading worked, never how students
 * did: 2 for a command line it cannot follow, 1 when grading itself fails. Each case here ends
 * before any lab runs.
 */
class GradeCommandTest {

  private static final String CHECKOUT = Path.of("..").toAbsolutePath().normalize().toString();

  @TempDir
  Path dir;

  private Path submissions;

  @BeforeEach
  void oneSubmission() throws IOException {
    submissions = dir.resolve("class");
    Files.createDirectories(submissions.resolve("ann/labs/01-netcat-logger/jobs"));
  }

  @Test
  void anOutputThatCannotBeWrittenIsGradingFailing() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("out"), "a file, not a directory");
    Result result = grade("--checkout", CHECKOUT, "--labs", "01-netcat-logger",
        "--out", notADirectory.toString(), submissions.toString());
    assertThat(result.status()).as(result.stderr()).isEqualTo(1);
    assertThat(result.stderr()).contains("flumelab grade: grading failed:")
        .contains(notADirectory.toString());
  }

  @Test
  void aBadCommandLineIsStatusTwoWithTheReason() {
    assertThat(grade("--checkout", CHECKOUT, "--jobs", "0", submissions.toString()))
        .satisfies(result -> assertThat(result.status()).isEqualTo(2))
        .satisfies(result -> assertThat(result.stderr()).contains("--jobs must be 1 or more"));
    assertThat(grade("--checkout", CHECKOUT, "--labs", "99-none", submissions.toString()))
        .satisfies(result -> assertThat(result.status()).isEqualTo(2))
        .satisfies(result -> assertThat(result.stderr()).contains("No lab 99-none"));
    assertThat(grade("--checkout", CHECKOUT, dir.resolve("nobody").toString()))
        .satisfies(result -> assertThat(result.status()).isEqualTo(2))
        .satisfies(result -> assertThat(result.stderr()).contains("No such file or directory"));
  }

  @Test
  void aNameManifestWithoutItsColumnsIsStatusTwo() throws IOException {
    Path names = Files.writeString(dir.resolve("names.csv"), "folder,name\nann,Ann\n");
    Result result = grade("--checkout", CHECKOUT, "--labs", "01-netcat-logger",
        "--names", names.toString(), submissions.toString());
    assertThat(result.status()).as(result.stderr()).isEqualTo(2);
    assertThat(result.stderr()).contains("'submission' and 'student'");
  }

  private record Result(int status, String stderr) {}

  private static Result grade(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int status = GradeCommand.run(args);
      return new Result(status, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
