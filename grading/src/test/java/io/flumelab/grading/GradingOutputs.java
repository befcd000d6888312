package io.flumelab.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what bin/flumelab grade wrote: the gradebook's rows and a student's results.json. */
final class GradingOutputs {

  private final Path out;

  GradingOutputs(Path out) {
    this.out = out;
  }

  /** The gradebook's rows by student, each a map from column to cell. */
  Map<String, Map<String, String>> gradebook() throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("gradebook.csv"), StandardCharsets.UTF_8)) {
      rows.add(cells(line));
    }
    Map<String, Map<String, String>> byStudent = new LinkedHashMap<>();
    List<String> header = rows.get(0);
    for (List<String> row : rows.subList(1, rows.size())) {
      Map<String, String> cells = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        cells.put(header.get(i), i < row.size() ? row.get(i) : "");
      }
      byStudent.put(row.get(0), cells);
    }
    return byStudent;
  }

  JsonNode results(String student) throws IOException {
    return new ObjectMapper().readTree(out.resolve("results").resolve(student)
        .resolve("results.json").toFile());
  }

  /** One RFC 4180 line (no line breaks in cells, as the gradebook writes them). */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
