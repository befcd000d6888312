package io.flumelab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Grades submissions lab by lab. First each lab runs once on the instructor's answers, copied as
 * a student's work would be: its tests are the catalog every student is graded against, and
 * anything short of full marks means grading itself is broken (a service down, a file the copy
 * leaves out), so grading stops. Then each submission is unpacked, the files the student owns are
 * copied per lab, and the lab runs on them: one at a time, or with {@code --jobs} several at once
 * where they hold nothing in common ({@link LabResources}).
 */
final class Grader {

  /** Grading itself failed; no student's result can be trusted. */
  static final class GradingFailed extends Exception {
    GradingFailed(String message) {
      super(message);
    }
  }

  private final Path checkout;
  private final List<String> labs;
  private final Path out;
  private final LabRunner runner;
  private final Progress progress;
  private final int repeat;
  private final Map<String, List<TestGrade>> catalog = new LinkedHashMap<>();

  Grader(Path checkout, List<String> labs, Path out, LabRunner runner, Progress progress,
      int repeat) {
    this.repeat = repeat;
    this.checkout = checkout;
    this.labs = labs;
    this.out = out;
    this.runner = runner;
    this.progress = progress;
  }

  /** Runs each lab on its reference answer; every test must pass. */
  void calibrate() throws IOException, GradingFailed {
    for (String lab : labs) {
      Path answers = checkout.resolve("answers").resolve(lab);
      if (!Files.isDirectory(answers)) {
        throw new GradingFailed("No reference answer " + answers + " for lab " + lab
            + ": grading runs each lab on its answer first; restore answers/" + lab);
      }
      Path work = out.resolve("work").resolve("_reference").resolve(lab);
      LabRunner.deleteTree(work);
      OwnedFiles.copy(OwnedFiles.of(starter(lab)), answers, work);
      LabRunner.Run run = runner.run(lab, work, out.resolve("logs/_reference/" + lab + ".log"));
      List<TestGrade> tests = GradeFiles.read(run.gradesDir(), hiddenClasses(lab));
      List<TestGrade> failed = tests.stream().filter(test -> !test.passed()).toList();
      if (run.timedOut() || tests.isEmpty() || !failed.isEmpty()) {
        String why = run.timedOut() ? "it did not finish within the time limit (raise --timeout)"
            : tests.isEmpty() ? "no test reported (the build failed)"
            : failed.size() + " test(s) failed: " + failed.stream()
                .map(test -> test.name() + " (" + test.reason() + ")")
                .collect(Collectors.joining("; "));
        throw new GradingFailed("The reference answer of " + lab + " does not score full marks "
            + "on this machine: " + why + ". Fix the environment (services, ports, the build) "
            + "before grading; the run's log: " + run.log());
      }
      // the public tests first, in the order the lab's README lists them, then the hidden ones
      catalog.put(lab, tests.stream()
          .sorted(java.util.Comparator.comparing(TestGrade::hidden)).toList());
      progress.line(String.format("reference %s: %d/%d points, %d hidden tests, in %s", lab,
          tests.stream().mapToInt(TestGrade::earned).sum(),
          tests.stream().mapToInt(TestGrade::points).sum(),
          tests.stream().filter(TestGrade::hidden).count(), Progress.format(run.elapsed())));
    }
  }

  /**
   * Grades every submission: each is unpacked and its labs' owned files copied first, then the
   * lab runs go through a {@link RunScheduler} of {@code jobs} threads. A student's
   * {@code results.json} is written as soon as the last of their labs is graded.
   */
  List<StudentGrade> grade(List<Submission> submissions, int jobs) throws IOException {
    List<Student> students = new ArrayList<>();
    List<RunScheduler.Task> runs = new ArrayList<>();
    Set<String> fileNames = new HashSet<>();
    Map<String, LabResources> resources = new HashMap<>();
    for (int i = 0; i < submissions.size(); i++) {
      Submission submission = submissions.get(i);
      String who = String.format("[%d/%d] %s", i + 1, submissions.size(), submission.name());
      Student student = new Student(submission, unique(submission.fileName(), fileNames), who);
      students.add(student);
      prepare(student, resources, runs);
    }
    new RunScheduler(jobs).runAll(runs);
    return students.stream().map(Student::grade).toList();
  }

  /** One submission being graded: a slot per lab, filled by its run or at once. */
  private final class Student {
    final Submission submission;
    final String fileName;
    final String who;
    final Path work;
    final LabGrade[] labGrades = new LabGrade[labs.size()];
    Optional<String> refused = Optional.empty();
    int graded;
    StudentGrade grade;

    Student(Submission submission, String fileName, String who) {
      this.submission = submission;
      this.fileName = fileName;
      this.who = who;
      this.work = out.resolve("work").resolve(fileName);
    }

    synchronized void graded(int lab, LabGrade labGrade) throws IOException {
      labGrades[lab] = labGrade;
      if (++graded == labs.size()) {
        grade = new StudentGrade(submission.name(), fileName, List.of(labGrades), refused);
        GradescopeResults.write(out.resolve("results").resolve(fileName).resolve("results.json"),
            grade);
      }
    }

    synchronized StudentGrade grade() {
      return grade;
    }
  }

  private void prepare(Student student, Map<String, LabResources> resources,
      List<RunScheduler.Task> runs) throws IOException {
    LabRunner.deleteTree(student.work);
    Path unpacked = student.work.resolve("submission");
    try {
      Unpacker.unpack(student.submission, unpacked);
    } catch (Unpacker.Refused refused) {
      progress.line(student.who + ": refused: " + refused.getMessage());
      student.refused = Optional.of("refused: " + refused.getMessage());
      for (int i = 0; i < labs.size(); i++) {
        String lab = labs.get(i);
        student.graded(i, LabGrade.of(lab, catalog.get(lab), List.of(), Optional.empty(),
            "submission refused: " + refused.getMessage(), Duration.ZERO));
      }
      return;
    }
    Path inside = unpacked.toRealPath();
    for (int i = 0; i < labs.size(); i++) {
      String lab = labs.get(i);
      int slot = i;
      // a lab directory that is a link out of the submission (to the answers, say) is not followed
      Optional<Path> studentLab = LabLocator.locate(unpacked, lab, labs.size() == 1)
          .filter(found -> realPathWithin(found, inside));
      if (studentLab.isEmpty()) {
        String why = "not handed in: the submission has no labs/" + lab + " (nor " + lab + ")";
        progress.line(student.who + " " + lab + ": " + why);
        student.graded(slot, LabGrade.of(lab, catalog.get(lab), List.of(),
            Optional.of("not handed in"), why, Duration.ZERO));
        continue;
      }
      Path labWork = student.work.resolve("labs").resolve(lab);
      OwnedFiles.copy(OwnedFiles.of(starter(lab)), studentLab.get(), labWork);
      LabResources held = resources.computeIfAbsent(lab, name -> LabResources.of(checkout, name));
      runs.add(new RunScheduler.Task() {
        @Override
        public LabResources resources() {
          return held;
        }

        @Override
        public void run() throws IOException {
          student.graded(slot, gradeLab(lab, labWork, student));
        }
      });
    }
  }

  private LabGrade gradeLab(String lab, Path labWork, Student student) throws IOException {
    List<LabGrade> runs = new ArrayList<>();
    for (int run = 1; run <= repeat; run++) {
      Path log = out.resolve("logs").resolve(student.fileName)
          .resolve(run == 1 ? lab + ".log" : lab + ".run" + run + ".log");
      runs.add(runOnce(lab, labWork, log));
    }
    LabGrade grade = Repeats.merge(runs);
    progress.line(String.format("%s %s: %d/%d in %s%s", student.who, lab, grade.earned(),
        grade.points(), Progress.format(grade.elapsed()),
        grade.note().map(note -> " (" + note + ")").orElse("")));
    return grade;
  }

  private LabGrade runOnce(String lab, Path labWork, Path log) throws IOException {
    LabRunner.Run run = runner.run(lab, labWork, log);
    // reasons name the student's files as the lab does (jobs/x.conf), not the grader's copy
    String workPrefix = labWork.toAbsolutePath() + "/";
    List<TestGrade> reported = GradeFiles.read(run.gradesDir(), hiddenClasses(lab)).stream()
        .map(test -> new TestGrade(test.testClass(), test.name(), test.points(), test.earned(),
            test.passed(), test.reason().replace(workPrefix, ""), test.hidden()))
        .toList();
    if (run.timedOut()) {
      String why = "stopped at the time limit (" + Progress.format(runner.timeout())
          + ") before this test finished: an agent or a test that does not end? See " + log;
      List<TestGrade> finished = reported.stream()
          .filter(test -> !test.reason().startsWith("did not finish")).toList();
      return LabGrade.of(lab, catalog.get(lab), finished, Optional.of("timed out"), why,
          run.elapsed());
    } else if (reported.isEmpty()) {
      String why = "no test ran: the lab did not build with this work. " + buildErrors(log);
      return LabGrade.of(lab, catalog.get(lab), List.of(), Optional.of("did not build"), why,
          run.elapsed());
    }
    return LabGrade.of(lab, catalog.get(lab), reported, Optional.empty(), "did not run",
        run.elapsed());
  }

  private static boolean realPathWithin(Path path, Path root) {
    try {
      return path.toRealPath().startsWith(root);
    } catch (IOException e) {
      return false;
    }
  }

  /** The first compiler or build errors of a Maven log, for the student's reason. */
  static String buildErrors(Path log) throws IOException {
    List<String> errors;
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      errors = lines.filter(line -> line.startsWith("[ERROR]"))
          .map(line -> line.substring("[ERROR]".length()).strip())
          .filter(line -> !line.isEmpty() && !line.startsWith("->") && !line.startsWith("Re-run")
              && !line.startsWith("To see the full") && !line.startsWith("For more information"))
          .limit(6).toList();
    } catch (java.io.UncheckedIOException e) {
      return "See its log: " + log;
    }
    return (errors.isEmpty() ? "" : String.join(" / ", errors) + " ") + "(log: " + log + ")";
  }

  private Path starter(String lab) {
    return checkout.resolve("labs").resolve(lab);
  }

  /** The simple names of the lab's hidden test classes (answers/NN-name/hidden/java). */
  private Set<String> hiddenClasses(String lab) {
    Path hidden = checkout.resolve("answers").resolve(lab).resolve("hidden/java");
    if (!Files.isDirectory(hidden)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(hidden)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".java"))
          .map(name -> name.substring(0, name.length() - ".java".length()))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unique(String fileName, Set<String> taken) {
    String candidate = fileName;
    for (int n = 2; !taken.add(candidate); n++) {
      candidate = fileName + "-" + n;
    }
    return candidate;
  }
}
