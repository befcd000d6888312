package io.flumelab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class's gradebook, {@code gradebook.csv} (RFC 4180, UTF-8): one row per student, a column
 * per lab with the points earned, the total, the points possible, and notes (a refused archive,
 * a lab not handed in, a run stopped at the time limit).
 */
final class Gradebook {

  private Gradebook() {}

  static void write(Path file, List<String> labs, List<StudentGrade> students) throws IOException {
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("student"));
    header.addAll(labs);
    header.addAll(List.of("total", "max", "notes"));
    row(csv, header);
    for (StudentGrade student : students) {
      List<String> row = new ArrayList<>(List.of(student.student()));
      for (String lab : labs) {
        row.add(student.labs().stream().filter(grade -> grade.lab().equals(lab)).findFirst()
            .map(grade -> String.valueOf(grade.earned())).orElse("0"));
      }
      row.add(String.valueOf(student.earned()));
      row.add(String.valueOf(student.points()));
      row.add(String.join("; ", student.notes()));
      row(csv, row);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, csv, StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(quoted(cells.get(i)));
    }
    csv.append("\r\n");
  }

  static String quoted(String cell) {
    String oneLine = cell.replaceAll("[\\r\\n]+", " ");
    if (oneLine.matches(".*[,\"].*") || !oneLine.equals(oneLine.strip())) {
      return '"' + oneLine.replace("\"", "\"\"") + '"';
    }
    return oneLine;
  }
}
