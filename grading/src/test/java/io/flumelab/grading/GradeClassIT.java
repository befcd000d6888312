package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code bin/flumelab grade} on a synthetic class and checks each student's grade:
 * the answers full marks, the starters none, one fault per lab exactly its tests lost, an edited
 * test and POM nothing gained, a hanging submission stopped at the time limit without disturbing
 * the next one, one printing 100 MB graded as its work with logs of a readable size. Quick mode grades labs 01 and 08 (no services); {@code -Dgrading.all=true}
 * grades every lab that has a fault in {@link LabFaults}, {@code -Dgrading.labs=02-x,11-y} the
 * labs named.
 */
class GradeClassIT {

  private static final Path HOME = Path.of(System.getProperty("flumelab.home")).toAbsolutePath();
  private static final List<String> QUICK = List.of("01-netcat-logger", "08-custom-source-sink");
  private static final List<String> LABS = labsToGrade();
  // the hanging submission waits this long; labs with services need minutes for their reference run
  private static final int TIMEOUT_SECONDS = QUICK.containsAll(LABS) ? 60 : 420;
  /**
   * The edited, hanging and loud submissions, quick mode only: they judge the grader, not a lab,
   * and at the long mode's time limit the hanging one would cost 7 minutes.
   */
  private static final boolean SPECIALS = QUICK.containsAll(LABS);
  private static final List<String> STUDENTS = SPECIALS
      ? List.of("1-edited-test", "2-hanging", "2-loud", "3-answers", "4-starter", "5-fault")
      : List.of("3-answers", "4-starter", "5-fault");
  private static final Set<String> GRADESCOPE_TOP_LEVEL = Set.of("score", "execution_time",
      "output", "output_format", "test_output_format", "test_name_format", "visibility",
      "stdout_visibility", "extra_data", "tests", "leaderboard");
  private static final Set<String> GRADESCOPE_TEST = Set.of("score", "max_score", "status",
      "name", "name_format", "number", "output", "output_format", "tags", "visibility",
      "extra_data");

  @TempDir
  static Path dir;

  private static Path out;
  private static int exitStatus;
  private static String stderr;
  private static Duration hangingTook;

  @BeforeAll
  static void gradeTheClass() throws Exception {
    SyntheticClass synthetic = new SyntheticClass(HOME, dir.resolve("class"));
    // graded in name order: the hanging one before full answers, which it must not disturb
    if (SPECIALS) {
      synthetic.editedTest("1-edited-test");
      synthetic.hanging("2-hanging");
      synthetic.loud("2-loud");
    }
    synthetic.answers("3-answers", LABS);
    synthetic.starters("4-starter", LABS);
    synthetic.faults("5-fault", LABS);
    out = dir.resolve("out");

    List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/flumelab").toString(),
        "grade", "--labs", String.join(",", LABS), "--timeout", String.valueOf(TIMEOUT_SECONDS),
        // offline: this build (or the reactor's labs before it) resolved what the labs need
        "--out", out.toString(), "--offline", "--jobs",
        System.getProperty("grading.jobs", "2")));
    command.add(dir.resolve("class").toString());
    Path log = dir.resolve("grade.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("FLUMELAB_GRADING_CLASSPATH", System.getProperty("grading.classpath"));
    Process grade = builder.start();
    // every student and the reference, each lab at most its time limit
    Duration limit = Duration.ofSeconds((STUDENTS.size() + 1L) * LABS.size() * TIMEOUT_SECONDS);
    if (!grade.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      ProcessTree.kill(grade, Duration.ofSeconds(10));
      throw new AssertionError("bin/flumelab grade did not end within " + limit + ":\n"
          + Files.readString(log));
    }
    exitStatus = grade.exitValue();
    stderr = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(stderr);
    // kept for a look after the build: the gradebook, each results.json, the logs
    Path kept = Path.of(System.getProperty("grading.output", "target/grade-class-it"));
    LabRunner.deleteTree(kept);
    Files.createDirectories(kept);
    Unpacker.copyTree(out, kept);
    Files.copy(log, kept.resolve("grade.log"));
    if (SPECIALS) {
      hangingTook = Duration.ofSeconds(new GradingOutputs(out).results("2-hanging")
          .path("execution_time").asLong());
    }
  }

  @Test
  void gradingSucceedsWhateverTheScores() {
    assertThat(exitStatus).as("exit status of bin/flumelab grade; its output:%n%s", stderr)
        .isZero();
    assertThat(stderr).contains("[" + STUDENTS.size() + "/" + STUDENTS.size() + "] 5-fault");
  }

  @Test
  void theAnswersScoreFullMarks() throws IOException {
    Map<String, String> row = new GradingOutputs(out).gradebook().get("3-answers");
    assertThat(row.get("total")).as("3-answers' total against its max: %s", row)
        .isEqualTo(row.get("max"));
    assertThat(Integer.parseInt(row.get("max"))).isPositive();
    for (String lab : LABS) {
      assertThat(Integer.parseInt(row.get(lab))).as("3-answers in %s", lab)
          .isEqualTo(maxOf(new GradingOutputs(out).results("3-answers"), lab));
    }
  }

  @Test
  void theStartersScoreNothing() throws IOException {
    Map<String, String> row = new GradingOutputs(out).gradebook().get("4-starter");
    for (String lab : LABS) {
      assertThat(row.get(lab)).as("4-starter in %s: %s", lab, row).isEqualTo("0");
    }
  }

  @Test
  void eachFaultLosesExactlyItsTests() throws IOException {
    JsonNode results = new GradingOutputs(out).results("5-fault");
    Map<String, String> row = new GradingOutputs(out).gradebook().get("5-fault");
    for (String lab : LABS) {
      LabFaults.Fault fault = LabFaults.FAULTS.get(lab);
      List<JsonNode> failed = tests(results, lab).stream()
          .filter(test -> test.path("status").asText().equals("failed")).toList();
      assertThat(failed).as("the failed tests of 5-fault in %s", lab)
          .extracting(test -> test.path("name").asText().substring(lab.length() + 2))
          .containsExactlyInAnyOrderElementsOf(fault.lostTests());
      int lost = failed.stream().mapToInt(test -> test.path("max_score").asInt()).sum();
      assertThat(Integer.parseInt(row.get(lab))).as("5-fault in %s", lab)
          .isEqualTo(maxOf(results, lab) - lost);
      assertThat(failed).as("the reasons name the fault (%s)", fault.reasonNames())
          .allMatch(test -> test.path("output").asText().contains(fault.reasonNames()));
    }
  }

  @Test
  void anEditedTestAndPomChangeNothing() throws IOException {
    assumeTrue(SPECIALS && LABS.contains("01-netcat-logger"), "the edited test is lab 01's");
    Map<String, String> row = new GradingOutputs(out).gradebook().get("1-edited-test");
    assertThat(row.get("01-netcat-logger")).as("1-edited-test: %s", row).isEqualTo("0");
    if (LABS.contains("08-custom-source-sink")) {
      assertThat(row.get("notes")).contains("08-custom-source-sink: not handed in");
    }
  }

  @Test
  void aHangingSubmissionIsStoppedAtTheLimitAndLeavesNothing() throws IOException {
    assumeTrue(SPECIALS && LABS.contains("08-custom-source-sink"),
        "the hanging submission is lab 08's, in quick mode");
    Map<String, String> row = new GradingOutputs(out).gradebook().get("2-hanging");
    assertThat(row.get("notes")).as("2-hanging: %s", row)
        .contains("08-custom-source-sink: timed out");
    assertThat(hangingTook).as("time graded, against the limit of %d s", TIMEOUT_SECONDS)
        .isBetween(Duration.ofSeconds(TIMEOUT_SECONDS), Duration.ofSeconds(TIMEOUT_SECONDS + 30));
    // a test class that finished before the hang keeps its results; every test lost says why
    List<JsonNode> failed = tests(new GradingOutputs(out).results("2-hanging"),
        "08-custom-source-sink").stream()
        .filter(test -> test.path("status").asText().equals("failed")).toList();
    assertThat(failed).extracting(test -> test.path("name").asText())
        .contains("08-custom-source-sink: MySource reads its keys: with field=x and delay=1 in "
            + "the job the agent logs x0 ... x4");
    assertThat(failed).extracting(test -> test.path("output").asText())
        .allMatch(output -> output.contains("stopped at the time limit"));
    // the test JVM's child (sleep 3599) went with the run's process tree
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses()
        .noneMatch(process -> process.info().commandLine().orElse("")
            .endsWith("sleep " + SyntheticClass.LEFTOVER_SECONDS)));
  }

  @Test
  void aSubmissionPrinting100MegabytesIsGradedAsItsWorkWithLogsOfAReadableSize()
      throws IOException {
    assumeTrue(SPECIALS && LABS.contains("08-custom-source-sink"),
        "the loud submission is lab 08's, in quick mode");
    String lab = "08-custom-source-sink";
    Map<String, String> row = new GradingOutputs(out).gradebook().get("2-loud");
    JsonNode results = new GradingOutputs(out).results("2-loud");
    assertThat(Integer.parseInt(row.get(lab))).as("2-loud in lab 08 (the answer, printing): %s",
        row).isEqualTo(maxOf(results, lab));
    assertThat(results.path("execution_time").asLong()).as("seconds graded")
        .isLessThan(TIMEOUT_SECONDS);
    long logSize = Files.size(out.resolve("logs/2-loud").resolve(lab + ".log"));
    assertThat(logSize).as("2-loud's lab 08 log, in bytes")
        .isLessThanOrEqualTo(CappedLog.HEAD + CappedLog.TAIL + (1L << 20));
    assertThat(Files.size(out.resolve("results/2-loud/results.json")))
        .as("2-loud's results.json, in bytes").isLessThan(1L << 20);
  }

  @Test
  void resultsJsonHasOnlyGradescopesDocumentedFields() throws IOException {
    for (String student : STUDENTS) {
      JsonNode results = new GradingOutputs(out).results(student);
      assertThat(iterable(results.fieldNames())).as("%s's results.json", student)
          .isSubsetOf(GRADESCOPE_TOP_LEVEL).contains("score", "tests");
      int sum = 0;
      for (JsonNode test : results.path("tests")) {
        assertThat(iterable(test.fieldNames())).isSubsetOf(GRADESCOPE_TEST)
            .contains("name", "score", "max_score", "output", "visibility");
        assertThat(test.path("visibility").asText())
            .isIn("hidden", "after_due_date", "after_published", "visible");
        assertThat(test.path("score").asInt()).isBetween(0, test.path("max_score").asInt());
        sum += test.path("score").asInt();
      }
      assertThat(results.path("score").asInt()).as("%s's score, the sum of its tests", student)
          .isEqualTo(sum);
    }
    assertThat(tests(new GradingOutputs(out).results("3-answers"), "01-netcat-logger"))
        .as("lab 01's hidden tests are marked as such")
        .anyMatch(test -> test.path("visibility").asText().equals("after_published"))
        .anyMatch(test -> test.path("visibility").asText().equals("visible"));
  }

  @Test
  void theHtmlReportShowsEveryStudentsLostTestsAndChanges() throws Exception {
    Path report = out.resolve("report.html");
    HeadlessChromium chromium = HeadlessChromium.find();
    chromium.screenshot(report, Path.of(System.getProperty("grading.output",
        "target/grade-class-it")).resolve("report.png"), 1280, 2400);
    String dom = chromium.dom(report);

    for (Map.Entry<String, Map<String, String>> row : new GradingOutputs(out).gradebook()
        .entrySet()) {
      assertThat(dom).as("the rendered report").contains("<h2>" + row.getKey() + ": "
          + row.getValue().get("total") + "/" + row.getValue().get("max") + "</h2>");
    }
    for (String lab : LABS) {
      // the rendered DOM escapes text: a test named "spooldir -> memory" reads "-&gt;" there
      assertThat(dom).as("5-fault's lost test in %s", lab)
          .contains(htmlText(LabFaults.FAULTS.get(lab).lostTests().get(0)));
    }
    if (LABS.contains("01-netcat-logger")) {
      assertThat(dom).as("5-fault's change against lab 01's starter")
          .contains("<span class=\"add\">+a1.sources.r1.max-line-length = 1024</span>");
    }
  }

  private static String htmlText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static List<String> labsToGrade() {
    String named = System.getProperty("grading.labs", "");
    if (!named.isBlank()) {
      return List.of(named.split(","));
    }
    return Boolean.getBoolean("grading.all") ? LabFaults.FAULTS.keySet().stream().sorted().toList()
        : QUICK;
  }

  private static List<JsonNode> tests(JsonNode results, String lab) {
    return StreamSupport.stream(results.path("tests").spliterator(), false)
        .filter(test -> test.path("name").asText().startsWith(lab + ": ")).toList();
  }

  private static int maxOf(JsonNode results, String lab) {
    return tests(results, lab).stream().mapToInt(test -> test.path("max_score").asInt()).sum();
  }

  private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }
}
