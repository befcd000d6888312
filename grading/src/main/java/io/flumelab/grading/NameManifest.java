package io.flumelab.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The students' names for submissions whose folders or archives are named otherwise (GitHub
 * Classroom's {@code assignment-username}, an LMS's numbers): a CSV file with a header row naming
 * at least the columns {@code submission} (the folder's or archive's name, with or without its
 * {@code .zip}/{@code .tar.gz}) and {@code student} (the name to grade under). Other columns
 * (an email, an id) are ignored.
 */
final class NameManifest {

  private final Map<String, String> names;
  private final List<String> used = new ArrayList<>();

  private NameManifest(Map<String, String> names) {
    this.names = names;
  }

  /** @throws IllegalArgumentException naming the file, the line and the fix for a bad manifest */
  static NameManifest read(Path file) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
        .enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    Map<String, String> names = new LinkedHashMap<>();
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
      while (rows.hasNextValue()) {
        Map<String, String> row = rows.nextValue();
        int line = rows.getCurrentLocation().getLineNr() - 1;
        String submission = row.get("submission");
        String student = row.get("student");
        if (submission == null || student == null) {
          throw new IllegalArgumentException(file + ": the header must name the columns "
              + "'submission' and 'student' (found " + row.keySet() + ")");
        }
        if (submission.isBlank() || student.isBlank()) {
          throw new IllegalArgumentException(file + ":" + line + ": a row needs both a "
              + "submission and a student: " + row);
        }
        String previous = names.put(submission, student);
        if (previous != null) {
          throw new IllegalArgumentException(file + ":" + line + ": submission '" + submission
              + "' is listed twice (as '" + previous + "' and '" + student + "'); keep one row");
        }
      }
    } catch (RuntimeJsonMappingException e) {
      throw new IllegalArgumentException(file + ": not a CSV file with a header row "
          + "'submission,student': " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not a CSV file with a header row "
          + "'submission,student': " + e.getOriginalMessage(), e);
    }
    return new NameManifest(names);
  }

  /** The submission under its student's name, when the manifest lists it. */
  Submission named(Submission submission) {
    String file = submission.source().getFileName().toString();
    for (String key : List.of(file, submission.name())) {
      String student = names.get(key);
      if (student != null) {
        used.add(key);
        return new Submission(student, submission.source(), submission.kind());
      }
    }
    return submission;
  }

  /** Rows that named no submission found: a typo, or a student who handed nothing in. */
  List<String> unused() {
    return names.keySet().stream().filter(key -> !used.contains(key)).toList();
  }
}
