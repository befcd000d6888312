package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code bin/flumelab handout} and checks the students' repository: no answer, no
 * hidden test, nothing pointing at them, a section for students, and a lab that builds and grades
 * itself there with the public tests alone.
 */
class HandoutIT {

  private static final Path HOME = Path.of(System.getProperty("flumelab.home")).toAbsolutePath();

  @TempDir
  static Path dir;

  private static Path handout;

  @BeforeAll
  static void writeTheHandout() throws Exception {
    handout = dir.resolve("handout");
    ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/flumelab").toString(), "handout",
        "--out", handout.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("handout.log").toFile());
    builder.environment().put("FLUMELAB_GRADING_CLASSPATH", System.getProperty("grading.classpath"));
    Process process = builder.start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("bin/flumelab handout ended").isTrue();
    assertThat(process.exitValue()).as("bin/flumelab handout's exit status; its output: %s",
        Files.readString(dir.resolve("handout.log"))).isZero();
  }

  @Test
  void noAnswerNoHiddenTestAndNothingPointingAtThem() throws IOException {
    assertThat(handout.resolve("answers")).doesNotExist();
    assertThat(handout.resolve("grading")).doesNotExist();
    assertThat(handout.resolve("labs/01-netcat-logger/jobs/flume-netcat-logger.conf")).exists();
    List<String> pointing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(handout)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text;
        try {
          text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
          continue;
        }
        var matcher = Handout.POINTS_AT_ANSWERS.matcher(text);
        if (matcher.find()) {
          pointing.add(handout.relativize(file) + ": " + matcher.group());
        }
      }
    }
    assertThat(pointing).as("handed-out files that point at the answers").isEmpty();
    assertThat(handout.resolve("README.md")).content().contains("## For students")
        .contains("| [01-netcat-logger](labs/01-netcat-logger) |");
  }

  @Test
  void theGraderSaysItIsForInstructorsInTheHandout() throws Exception {
    Process grade = new ProcessBuilder(handout.resolve("bin/flumelab").toString(), "grade",
        "--out", dir.resolve("grades").toString(), dir.toString())
        .redirectErrorStream(true).start();
    assertThat(grade.waitFor(1, TimeUnit.MINUTES)).as("bin/flumelab grade ended").isTrue();
    String output = new String(grade.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(grade.exitValue()).as("exit status; output: %s", output).isEqualTo(2);
    assertThat(output).contains("grade is for instructors").doesNotContain("building");
  }

  @Test
  void aLabBuildsAndGradesItselfInTheHandoutWithThePublicTestsAlone() throws Exception {
    Path log = dir.resolve("handout-build.log");
    Process maven = new ProcessBuilder(ProcessTree.inOwnGroup(List.of(
        handout.resolve("mvnw").toString(), "-o", "-B", "-ntp", "verify",
        "-pl", "labs/01-netcat-logger")))
        .directory(handout.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!maven.waitFor(10, TimeUnit.MINUTES)) {
      ProcessTree.kill(maven, Duration.ofSeconds(10));
      throw new AssertionError("the handout's build did not end within 10 min; see " + log);
    }
    ProcessTree.kill(maven, Duration.ofSeconds(10));
    Path grades = handout.resolve("labs/01-netcat-logger/target/flumelab-grades");
    assertThat(grades.resolve("NetcatLoggerIT.tsv")).as("the lab's grades; the build's log: %s",
        log).exists();
    assertThat(grades.resolve("NetcatLoggerIT.tsv")).content().contains("\tFAIL\t");
    try (Stream<Path> files = Files.list(grades)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactly("NetcatLoggerIT.tsv");
    }
  }
}
