package io.flumelab.grading;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A student's grades in every lab graded, and a note when the submission itself was refused. */
record StudentGrade(String student, String fileName, List<LabGrade> labs, Optional<String> note) {

  int earned() {
    return labs.stream().mapToInt(LabGrade::earned).sum();
  }

  int points() {
    return labs.stream().mapToInt(LabGrade::points).sum();
  }

  Duration elapsed() {
    return labs.stream().map(LabGrade::elapsed).reduce(Duration.ZERO, Duration::plus);
  }

  List<String> notes() {
    List<String> notes = new java.util.ArrayList<>();
    note.ifPresent(notes::add);
    labs.forEach(lab -> lab.note().ifPresent(text -> notes.add(lab.lab() + ": " + text)));
    return notes;
  }
}
