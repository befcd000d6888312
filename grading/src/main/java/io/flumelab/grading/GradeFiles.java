package io.flumelab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the {@code <class>.tsv} files the harness's GradingExtension writes (columns
 * {@code test, points, earned, result, reason}); a class named in {@code hiddenClasses} is one of
 * the instructor's hidden tests.
 */
final class GradeFiles {

  /** Characters of a reason kept: the failure's own words come first, any quoted output after. */
  static final int REASON_LIMIT = 16_000;

  private GradeFiles() {}

  static List<TestGrade> read(Path gradesDir, Set<String> hiddenClasses) throws IOException {
    List<TestGrade> grades = new ArrayList<>();
    if (!Files.isDirectory(gradesDir)) {
      return grades;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(gradesDir)) {
      files = list.filter(file -> file.getFileName().toString().endsWith(".tsv")).sorted().toList();
    }
    for (Path file : files) {
      String testClass = file.getFileName().toString().replaceFirst("\\.tsv$", "");
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] columns = line.split("\t", -1);
        if (columns.length < 5) {
          throw new IOException("Unexpected line in " + file + " (5 tab-separated columns: test, "
              + "points, earned, result, reason): " + line);
        }
        grades.add(new TestGrade(testClass, columns[0], Integer.parseInt(columns[1]),
            Integer.parseInt(columns[2]), "PASS".equals(columns[3]), capped(columns[4]),
            hiddenClasses.contains(testClass)));
      }
    }
    return grades;
  }

  static String capped(String reason) {
    if (reason.length() <= REASON_LIMIT) {
      return reason;
    }
    return reason.substring(0, REASON_LIMIT) + " [... " + (reason.length() - REASON_LIMIT)
        + " more characters in the run's log]";
  }
}
