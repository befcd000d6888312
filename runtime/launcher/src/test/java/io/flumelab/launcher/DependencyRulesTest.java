package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way. Read from the sources' imports, so a rule also holds for the labs,
 * which are not on this module's class path.
 */
class DependencyRulesTest {

  /** Surefire runs in the module's directory. */
  private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

  @Test
  void thePluginApiNeedsOnlyTheJdk() {
    assertThat(imports("runtime/api/src/main/java"))
        .filteredOn(i -> !i.name().startsWith("java.") && !i.name().startsWith("io.flumelab.api."))
        .isEmpty();
  }

  @Test
  void componentModulesExtendTheCoreThroughItsSpiOnly() {
    for (String module : List.of("runtime/avro", "runtime/hdfs", "runtime/kafka",
        "runtime/ganglia", "runtime/file-channel", "runtime/flume-compat", "runtime/jdbc")) {
      assertThat(imports(module + "/src/main/java"))
          .as("%s may use io.flumelab.core.spi, not the rest of the core", module)
          .filteredOn(i -> i.name().startsWith("io.flumelab.core.")
              && !i.name().startsWith("io.flumelab.core.spi."))
          .isEmpty();
    }
  }

  /** The file channel is storage code a student reads whole: the JDK, no library of its own. */
  @Test
  void theFileChannelNeedsTheJdkTheApiAndTheSpiOnly() {
    assertThat(imports("runtime/file-channel/src/main/java"))
        .filteredOn(i -> !i.name().startsWith("java.") && !i.name().startsWith("io.flumelab.api.")
            && !i.name().startsWith("io.flumelab.core.spi.")
            && !i.name().startsWith("io.flumelab.filechannel.")
            && !i.name().startsWith("org.slf4j."))
        .isEmpty();
  }

  /**
   * The Flume adapters run in the agent's compat class loader, which shows them FlumeLab's API and
   * spi, Flume's jars, asm and Flume's Guava: nothing else of the agent is there to import.
   */
  @Test
  void theFlumeAdaptersUseTheApiTheSpiFlumeAndAsmOnly() {
    Path legacyHelper = ROOT.resolve("runtime/flume-compat/src/main/java/io/flumelab/flume/FlumeLegacy.java");
    assertThat(imports("runtime/flume-compat/src/main/java"))
        .filteredOn(i -> !i.name().startsWith("java.") && !i.name().startsWith("javax.")
            && !i.name().startsWith("io.flumelab.api.") && !i.name().startsWith("io.flumelab.core.spi.")
            && !i.name().startsWith("io.flumelab.flume.") && !i.name().startsWith("org.apache.flume.")
            && !i.name().startsWith("org.objectweb.asm."))
        .filteredOn(i -> !(i.name().equals("com.google.common.collect.ImmutableMap")
            && i.file().equals(legacyHelper)))
        .isEmpty();
  }

  /** The agent reaches the Flume adapters through the spi's ForeignApi, never by name. */
  @Test
  void noModuleImportsTheFlumeAdapters() {
    Path adapters = ROOT.resolve("runtime/flume-compat");
    for (String dir : List.of("runtime", "harness", "cluster", "labs", "answers", "grading")) {
      assertThat(imports(dir)).as("imports of io.flumelab.flume under %s", dir)
          .filteredOn(i -> i.name().startsWith("io.flumelab.flume."))
          .filteredOn(i -> !i.file().startsWith(adapters))
          .isEmpty();
    }
  }

  @Test
  void theCoreKnowsNoModuleBuiltOnIt() {
    assertThat(imports("runtime/core/src/main/java"))
        .filteredOn(i -> i.name().startsWith("io.flumelab.")
            && !i.name().startsWith("io.flumelab.api.") && !i.name().startsWith("io.flumelab.core."))
        .isEmpty();
  }

  @Test
  void theRuntimeNeverUsesTheClusterTheHarnessOrTheLabs() {
    assertThat(imports("runtime"))
        .filteredOn(i -> i.name().startsWith("io.flumelab.cluster.")
            || i.name().startsWith("io.flumelab.harness.") || i.name().startsWith("io.flumelab.labs."))
        .isEmpty();
  }

  /** The grader runs a lab's build and reads its grade files: no FlumeLab module is linked in. */
  @Test
  void theGraderUsesNoFlumeLabModule() {
    assertThat(imports("grading/src/main")).filteredOn(i -> i.name().startsWith("io.flumelab.")
            && !i.name().startsWith("io.flumelab.grading."))
        .isEmpty();
  }

  @Test
  void theHarnessKnowsNothingOfTheCluster() {
    assertThat(imports("harness")).filteredOn(i -> i.name().startsWith("io.flumelab.cluster."))
        .isEmpty();
  }

  /**
   * Apache Flume's own classes are there to be compared with, or to run plugins with in their own
   * class loader, never on the agent's class path: only the interop tests (Flume's jars in test
   * scope), the benchmark's load client (provided scope; it runs in a JVM of its own on Flume's
   * class path), the Flume adapters (loaded beside Flume's jars only), the unchanged sources of
   * the published plugins that runtime/flume-compat-it builds at test time, and the students' code
   * of the labs that teach the course notes' API (labs 08, 09, 10 and 15: run by the agent as
   * plugins are) may name them.
   */
  @Test
  void flumesOwnClassesOnlyInTheInteropTestsTheBenchmarkClientAndTheAdapters() {
    List<Path> allowed = new ArrayList<>(List.of(ROOT.resolve("runtime/avro-interop/src/test"),
        ROOT.resolve("cluster/kafka-interop/src/test"), ROOT.resolve("runtime/flume-compat/src"),
        ROOT.resolve("runtime/flume-compat-it/src/test/plugins"),
        ROOT.resolve("runtime/benchmarks/src/main/java/io/flumelab/benchmarks/"
            + "FlumeSdkLoadClient.java")));
    for (String lab : List.of("08-custom-source-sink", "09-resumable-file-source",
        "10-mysql-source", "15-interceptors")) {
      for (String tree : List.of("labs", "answers")) {
        allowed.add(ROOT.resolve(tree).resolve(lab).resolve("src/main"));
      }
    }
    for (String dir : List.of("runtime", "harness", "cluster", "labs", "answers")) {
      assertThat(imports(dir)).as("imports of Apache Flume's classes under %s", dir)
          .filteredOn(i -> i.name().startsWith("org.apache.flume."))
          .filteredOn(i -> allowed.stream().noneMatch(i.file()::startsWith))
          .isEmpty();
    }
  }

  @Test
  void labsAndAnswersSeeTheApiAndTheHarnessOnly() {
    Predicate<Import> runtimeInternals = i -> i.name().startsWith("io.flumelab.core.")
        || i.name().startsWith("io.flumelab.launcher.") || i.name().startsWith("io.flumelab.avro.")
        || i.name().startsWith("io.flumelab.hdfs.") || i.name().startsWith("io.flumelab.kafka.")
        || i.name().startsWith("io.flumelab.filechannel.")
        || i.name().startsWith("io.flumelab.testkit.");
    assertThat(imports("labs")).filteredOn(runtimeInternals).isEmpty();
    assertThat(imports("answers")).filteredOn(runtimeInternals).isEmpty();
  }

  /** An import and the file it is in, as a failure names them. */
  record Import(String name, Path file) {
    @Override
    public String toString() {
      return ROOT.relativize(file) + ": " + name;
    }
  }

  private static List<Import> imports(String dir) {
    Path root = ROOT.resolve(dir);
    if (dir.equals("answers") && !Files.exists(root)) {
      return List.of(); // a student's handout has no answers
    }
    assertThat(root).as("source directory").isDirectory();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.toString().contains("/target"))
          .flatMap(DependencyRulesTest::importsOf).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Import> importsOf(Path file) {
    try {
      Matcher m = IMPORT.matcher(Files.readString(file));
      Stream.Builder<Import> found = Stream.builder();
      while (m.find()) {
        found.add(new Import(m.group(1), file));
      }
      return found.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
