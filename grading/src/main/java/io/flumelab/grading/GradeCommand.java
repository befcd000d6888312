package io.flumelab.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/flumelab grade}: grades a class's submissions with the instructor's tests, public
 * and hidden, and writes {@code gradebook.csv}, {@code report.html} and a Gradescope
 * {@code results.json} per student.
 * Its exit status says whether grading worked (0), failed (1) or was asked wrongly (2), never how
 * the students did.
 */
@Command(name = "flumelab grade", mixinStandardHelpOptions = true,
    description = {
        "Grades submissions with the labs' tests and the instructor's hidden tests.",
        "Each SUBMISSION is a student's directory, zip or tar archive or git repository, or a "
            + "folder holding one per student; the student's name is the folder's or the "
            + "archive's.",
        "Only the files a student owns (each lab's jobs/, conf/, src/main/ and answer files) "
            + "are graded; tests and POMs are the instructor's."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every submission graded (whatever the scores)",
        "1:grading failed (a reference answer short of full marks, an unreadable checkout)",
        "2:a bad command line"})
public final class GradeCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SUBMISSION", arity = "1..*",
      description = "a student's directory, archive or git repository, or a folder of them")
  private List<Path> submissions;

  @Option(names = "--labs", split = ",", paramLabel = "NN-name",
      description = "the labs to grade (default: every lab of the checkout)")
  private List<String> labs = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "grading-out",
      description = "where gradebook.csv, results/, logs/ and work/ go (default: ${DEFAULT-VALUE})")
  private Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "the time limit of one lab's run; past it every process of the run is "
          + "killed and its unfinished tests are lost (default: ${DEFAULT-VALUE})")
  private int timeoutSeconds;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "run each lab N times per student; a test that both passed and failed is "
          + "reported as flaky (and earns its points) instead of scored silently "
          + "(default: ${DEFAULT-VALUE})")
  private int repeat;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
      description = "run up to N labs at once; runs that share a port, the course's services "
          + "or a lab never overlap, so labs with services still run one at a time "
          + "(default: ${DEFAULT-VALUE})")
  private int jobs;

  @Option(names = "--names", paramLabel = "CSV",
      description = "a CSV file with the columns submission (a folder's or archive's name) and "
          + "student (the name to grade under); unlisted submissions keep their own name")
  private Path names;

  @Option(names = "--offline", description = "run Maven offline (-o)")
  private boolean offline;

  @Option(names = "--checkout", paramLabel = "DIR",
      description = "the instructor's FlumeLab checkout (default: the one bin/flumelab is in)")
  private Path checkout;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path home = checkout != null ? checkout
        : Path.of(System.getProperty("flumelab.home", ".")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(home.resolve("labs/pom.xml")) || !Files.isRegularFile(home.resolve("mvnw"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), home + " is not a FlumeLab "
          + "checkout (no labs/pom.xml or mvnw): name it with --checkout");
    }
    if (repeat < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be 1 or more");
    }
    if (jobs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be 1 or more");
    }
    if (timeoutSeconds <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--timeout must be a number of seconds above 0");
    }
    List<String> present = labsOf(home);
    List<String> chosen = labs.isEmpty() ? present : labs;
    for (String lab : chosen) {
      if (!present.contains(lab)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "No lab " + lab
            + " in " + home.resolve("labs") + "; the labs are: " + String.join(", ", present));
      }
    }
    Progress progress = new Progress(System.err);
    List<Submission> found;
    try {
      found = Submissions.find(submissions, chosen);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (found.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "No submission found in "
          + submissions + ": name student directories, archives (.zip, .tar, .tar.gz, .tgz) or "
          + "git repositories, or a folder holding them");
    }
    if (names != null) {
      found = named(found, progress);
    }
    Path output = out.toAbsolutePath().normalize();
    progress.line(String.format("%d submissions, labs %s, %d s per lab, %d at once, into %s",
        found.size(), String.join(" ", chosen), timeoutSeconds, jobs, output));
    Grader grader = new Grader(home, chosen, output,
        new LabRunner(home, Duration.ofSeconds(timeoutSeconds), offline), progress, repeat);
    try {
      grader.calibrate();
    } catch (Grader.GradingFailed e) {
      System.err.println("flumelab grade: " + e.getMessage());
      return 1;
    }
    List<StudentGrade> grades = grader.grade(found, jobs);
    Gradebook.write(output.resolve("gradebook.csv"), chosen, grades);
    HtmlReport.write(output.resolve("report.html"), chosen, grades, home, output);
    progress.line("done: " + output.resolve("gradebook.csv") + ", "
        + output.resolve("report.html") + " and " + output.resolve("results")
        + "/<student>/results.json");
    return 0;
  }

  private List<Submission> named(List<Submission> found, Progress progress) throws IOException {
    NameManifest manifest;
    try {
      manifest = NameManifest.read(names);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--names " + e.getMessage());
    }
    List<Submission> renamed = found.stream().map(manifest::named).toList();
    for (int i = 0; i < found.size(); i++) {
      if (renamed.get(i) == found.get(i)) {
        progress.line("not in " + names + ": " + found.get(i).source().getFileName()
            + " (graded as '" + found.get(i).name() + "')");
      }
    }
    for (String unused : manifest.unused()) {
      progress.line("in " + names + " but not handed in: " + unused);
    }
    return renamed;
  }

  private static List<String> labsOf(Path home) throws IOException {
    try (Stream<Path> dirs = Files.list(home.resolve("labs"))) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
          .map(dir -> dir.getFileName().toString())
          .filter(name -> name.matches("\\d\\d-.+"))
          .sorted()
          .toList();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Grades as the command line says; the exit status. */
  static int run(String... args) {
    return new CommandLine(new GradeCommand())
        .setExecutionExceptionHandler((e, line, parsed) -> {
          System.err.println("flumelab grade: grading failed: " + e);
          return 1;
        })
        .execute(args);
  }
}
