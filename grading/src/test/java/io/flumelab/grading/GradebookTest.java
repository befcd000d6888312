package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradebookTest {

  @TempDir
  Path dir;

  @Test
  void aRowPerStudentAColumnPerLabAndCellsQuotedWhenTheyMustBe() throws Exception {
    TestGrade passed = new TestGrade("AIT", "a", 10, 10, true, "", false);
    TestGrade failed = new TestGrade("AIT", "b", 5, 0, false, "why", true);
    LabGrade lab = new LabGrade("01-x", List.of(passed, failed), Optional.of("timed out"),
        Duration.ofSeconds(3));
    StudentGrade student = new StudentGrade("Doe, \"J\" 张", "doe", List.of(lab), Optional.empty());

    Gradebook.write(dir.resolve("gradebook.csv"), List.of("01-x", "02-y"), List.of(student));

    assertThat(dir.resolve("gradebook.csv")).hasContent(
        "student,01-x,02-y,total,max,notes\r\n"
            + "\"Doe, \"\"J\"\" 张\",10,0,10,15,01-x: timed out\r\n");
    assertThat(GradingOutputs.cells("\"Doe, \"\"J\"\" 张\",10"))
        .containsExactly("Doe, \"J\" 张", "10");
  }
}
