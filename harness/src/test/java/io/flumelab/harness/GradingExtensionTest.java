package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs small {@link LabTest} classes (the fixtures below) through a JUnit engine of their own and
 * reads the grades they wrote, as {@code .ci/run} does.
 */
class GradingExtensionTest {

  private static final String HEADER = "test\tpoints\tearned\tresult\treason";

  @TempDir
  Path grades;

  @Test
  void passingTestsEarnTheirPoints() throws IOException {
    run(AllPass.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(tsv(AllPass.class)).containsExactly(HEADER,
        "first\t10\t10\tPASS\t",
        "second\t20\t20\tPASS\t");
  }

  @Test
  void aFailedTestLosesItsPointsAndSaysWhy() throws IOException {
    run(OneFails.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

    assertThat(tsv(OneFails.class)).containsExactly(HEADER,
        "passes\t10\t10\tPASS\t",
        "fails\t20\t0\tFAIL\texpected 3 lines / saw 2");
  }

  @Test
  void whenBeforeAllThrowsEveryTestIsLostAndTheTotalStaysFull() throws IOException {
    EngineExecutionResults results = run(BeforeAllFails.class);
    results.testEvents().assertStatistics(stats -> stats.started(0));
    results.containerEvents().assertStatistics(stats -> stats.failed(1));

    // the reason is the exception's, so JUnit did call afterAll after @BeforeAll threw
    assertThat(tsv(BeforeAllFails.class)).containsExactly(HEADER,
        "first\t10\t0\tFAIL\tdid not run: HDFS did not start on hadoop102:9000 / port in use",
        "second\t20\t0\tFAIL\tdid not run: HDFS did not start on hadoop102:9000 / port in use");
  }

  @Test
  void whenAClassExtensionFailsInBeforeAllEveryTestIsLost() throws IOException {
    EngineExecutionResults results = run(ServiceFails.class);
    results.testEvents().assertStatistics(stats -> stats.started(0));

    assertThat(tsv(ServiceFails.class)).containsExactly(HEADER,
        "first\t10\t0\tFAIL\tdid not run: Kafka did not start",
        "second\t20\t0\tFAIL\tdid not run: Kafka did not start");
    // @LabTest's grading starts before @LabCluster's services: a JVM dying there leaves a file
    assertThat(FailingService.gradesWereWrittenFirst).isTrue();
  }

  @Test
  void aClassSkippedBecauseItsServiceCannotRunLosesItsPoints() throws IOException {
    run(ServiceCannotRunHere.class).containerEvents().assertStatistics(stats -> stats.aborted(1));

    assertThat(tsv(ServiceCannotRunHere.class)).containsExactly(HEADER,
        "first\t10\t0\tFAIL\tdid not run: gmond is not installed: apt-get install ganglia-monitor",
        "second\t20\t0\tFAIL\tdid not run: gmond is not installed: apt-get install ganglia-monitor");
  }

  @Test
  void nestedTestsCountInTheTopLevelClassTable() throws IOException {
    run(WithNested.class);

    assertThat(tsv(WithNested.class)).containsExactly(HEADER,
        "outer passes\t10\t10\tPASS\t",
        "inside > inner fails\t20\t0\tFAIL\tinner broke",
        "inside > inner passes\t5\t5\tPASS\t",
        "broken > never runs\t7\t0\tFAIL\tdid not run: nested setup broke");
    try (Stream<Path> files = Files.list(grades)) {
      assertThat(files.map(file -> file.getFileName().toString())).containsExactly("WithNested.tsv");
    }
  }

  @Test
  void aTemplateIsOneRowEarnedOnlyWhenEveryInvocationPassed() throws IOException {
    run(Templates.class).testEvents().assertStatistics(stats -> stats.succeeded(5).failed(1));

    List<String> rows = tsv(Templates.class);
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1)).startsWith(
        "no value is 2\t20\t0\tFAIL\t1 of 3 invocations failed: value 2 / value 2: ");
    assertThat(rows.get(2)).isEqualTo("repeats pass\t10\t10\tPASS\t");
    assertThat(rows.get(3)).isEqualTo("no invocation\t5\t0\tFAIL\tdid not run");
  }

  @Test
  void aDisabledTestIsAFail() throws IOException {
    run(WithDisabled.class).testEvents().assertStatistics(stats -> stats.skipped(1).succeeded(1));

    assertThat(tsv(WithDisabled.class)).containsExactly(HEADER,
        "disabled\t10\t0\tFAIL\tdisabled: not ready",
        "enabled\t10\t10\tPASS\t");
  }

  @Test
  void theGradesGoToTheConfiguredDirectory() throws IOException {
    Path configured = grades.resolve("build/flumelab-grades");
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(AllPass.class))
        .configurationParameter(TestKitFixture.PARAMETER, "true")
        .configurationParameter(GradesDirectory.PROPERTY, configured.toString())
        .execute();

    assertThat(configured.resolve("AllPass.tsv")).isRegularFile();
  }

  @Test
  void withoutAConfiguredDirectoryTheGradesGoUnderTarget() {
    assertThat(GradesDirectory.of(Optional.empty()))
        .isEqualTo(Path.of("target", "flumelab-grades"));
  }

  @Test
  void whileTheTestsRunTheFileSaysTheyDidNotFinish() throws IOException {
    SeesItsOwnGrades.directory = grades;
    run(SeesItsOwnGrades.class).testEvents().assertStatistics(stats -> stats.succeeded(2));

    String didNotFinish = "\tFAIL\t" + Scorecard.DID_NOT_FINISH;
    assertThat(SeesItsOwnGrades.seen).containsExactly(HEADER,
        "reads its grades\t10\t0" + didNotFinish,
        "second\t20\t0" + didNotFinish);
    assertThat(tsv(SeesItsOwnGrades.class)).containsExactly(HEADER,
        "reads its grades\t10\t10\tPASS\t",
        "second\t20\t20\tPASS\t");
  }

  private EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
        .configurationParameter(TestKitFixture.PARAMETER, "true")
        .configurationParameter(GradesDirectory.PROPERTY, grades.toString())
        .execute();
  }

  private List<String> tsv(Class<?> fixture) throws IOException {
    return Files.readAllLines(grades.resolve(fixture.getSimpleName() + ".tsv"));
  }

  // ---- fixtures: lab test classes with known outcomes ----

  @LabTest
  @TestKitFixture
  static class AllPass {
    @Test
    @Order(1)
    @Points(10)
    @DisplayName("first")
    void first() {}

    @Test
    @Order(2)
    @Points(20)
    @DisplayName("second")
    void second() {}
  }

  @LabTest
  @TestKitFixture
  static class OneFails {
    @Test
    @Order(1)
    @Points(10)
    @DisplayName("passes")
    void passes() {}

    @Test
    @Order(2)
    @Points(20)
    @DisplayName("fails")
    void fails() {
      fail("expected 3 lines\n\nsaw 2");
    }
  }

  @LabTest
  @TestKitFixture
  static class BeforeAllFails extends AllPass {
    @BeforeAll
    static void startService() {
      throw new IllegalStateException("HDFS did not start on hadoop102:9000\nport in use");
    }
  }

  /** Like {@code @LabCluster}: an annotation that brings a service, which fails to start. */
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(FailingService.class)
  @interface WithFailingService {}

  static class FailingService implements BeforeAllCallback {
    static boolean gradesWereWrittenFirst;

    @Override
    public void beforeAll(ExtensionContext context) {
      Path grades = Path.of(context.getConfigurationParameter(GradesDirectory.PROPERTY).orElseThrow());
      gradesWereWrittenFirst = Files.exists(grades.resolve("ServiceFails.tsv"));
      throw new IllegalStateException("Kafka did not start");
    }
  }

  @LabTest
  @TestKitFixture
  @WithFailingService
  static class ServiceFails extends AllPass {}

  @LabTest
  @TestKitFixture
  static class ServiceCannotRunHere extends AllPass {
    @BeforeAll
    static void startService() {
      Assumptions.abort("gmond is not installed: apt-get install ganglia-monitor");
    }
  }

  @LabTest
  @TestKitFixture
  static class WithNested {
    @Test
    @Order(1)
    @Points(10)
    @DisplayName("outer passes")
    void outer() {}

    @Nested
    @Order(1)
    @DisplayName("inside")
    class Inside {
      @Test
      @Order(1)
      @Points(20)
      @DisplayName("inner fails")
      void fails() {
        fail("inner broke");
      }

      @Test
      @Order(2)
      @Points(5)
      @DisplayName("inner passes")
      void passes() {}
    }

    @Nested
    @Order(2)
    @DisplayName("broken")
    class Broken {
      @BeforeAll
      static void setUp() {
        throw new IllegalStateException("nested setup broke");
      }

      @Test
      @Points(7)
      @DisplayName("never runs")
      void neverRuns() {}
    }
  }

  @LabTest
  @TestKitFixture
  static class Templates {
    @ParameterizedTest(name = "value {0}")
    @ValueSource(ints = {1, 2, 3})
    @Order(1)
    @Points(20)
    @DisplayName("no value is 2")
    void notTwo(int value) {
      assertThat(value).isNotEqualTo(2);
    }

    @RepeatedTest(3)
    @Order(2)
    @Points(10)
    @DisplayName("repeats pass")
    void repeats() {}

    @ParameterizedTest(allowZeroInvocations = true)
    @ValueSource(ints = {})
    @Order(3)
    @Points(5)
    @DisplayName("no invocation")
    void none(int value) {}
  }

  @LabTest
  @TestKitFixture
  static class WithDisabled {
    @Test
    @Order(1)
    @Points(10)
    @Disabled("not ready")
    @DisplayName("disabled")
    void disabled() {}

    @Test
    @Order(2)
    @Points(10)
    @DisplayName("enabled")
    void enabled() {}
  }

  @LabTest
  @TestKitFixture
  static class SeesItsOwnGrades {
    static Path directory;
    static List<String> seen;

    @Test
    @Order(1)
    @Points(10)
    @DisplayName("reads its grades")
    void readsItsGrades() throws IOException {
      seen = Files.readAllLines(directory.resolve("SeesItsOwnGrades.tsv"));
    }

    @Test
    @Order(2)
    @Points(20)
    @DisplayName("second")
    void second() {}
  }
}
