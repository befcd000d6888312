package io.flumelab.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A student's {@code results.json} in Gradescope's autograder format
 * (gradescope-autograders.readthedocs.io, "Autograder Specifications"): {@code score},
 * {@code execution_time}, {@code output}, and {@code tests}, each with {@code name},
 * {@code number}, {@code score}, {@code max_score}, {@code status}, {@code output},
 * {@code tags} and {@code visibility}. Hidden tests are {@code after_published}: students see
 * them once the instructor publishes the grades.
 */
final class GradescopeResults {

  static final String VISIBLE = "visible";
  static final String HIDDEN = "after_published";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private GradescopeResults() {}

  static void write(Path file, StudentGrade student) throws IOException {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("score", student.earned());
    results.put("execution_time", student.elapsed().toSeconds());
    results.put("output", summary(student));
    List<Map<String, Object>> tests = new ArrayList<>();
    for (LabGrade lab : student.labs()) {
      int number = 0;
      for (TestGrade test : lab.tests()) {
        number++;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", lab.lab() + ": " + test.name());
        entry.put("number", lab.lab().replaceFirst("-.*", "") + "." + number);
        entry.put("score", test.earned());
        entry.put("max_score", test.points());
        entry.put("status", test.passed() ? "passed" : "failed");
        entry.put("output", test.passed() ? "passed" : test.reason());
        entry.put("tags", test.hidden() ? List.of(lab.lab(), "hidden") : List.of(lab.lab()));
        entry.put("visibility", test.hidden() ? HIDDEN : VISIBLE);
        tests.add(entry);
      }
    }
    results.put("tests", tests);
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), results);
  }

  private static String summary(StudentGrade student) {
    StringBuilder text = new StringBuilder(String.format("%s: %d/%d points%n", student.student(),
        student.earned(), student.points()));
    for (LabGrade lab : student.labs()) {
      text.append(String.format("  %s: %d/%d%n", lab.lab(), lab.earned(), lab.points()));
    }
    student.notes().forEach(note -> text.append("  note: ").append(note).append('\n'));
    return text.toString();
  }
}
