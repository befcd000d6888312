package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.topology.FlowGraphDot;
import io.flumelab.core.topology.FlowGraphs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each lab README below shows {@code topology.svg}, drawn from the reference answer's jobs (every
 * file of the lab at once, so the hops show). The SVG carries the SHA-256 of the DOT text it was
 * drawn from; the test draws the DOT again and compares the hash, so it does not depend on the
 * installed Graphviz. After changing an answer's jobs or the DOT writer, redraw them with
 * {@code ./mvnw test -pl runtime/launcher -Dtest=LabTopologyPicturesTest -Dflumelab.docs.update=true}
 * (Graphviz's dot on the PATH).
 *
 * <p>Only labs whose README already drew its topology as ASCII art, and whose picture tells
 * nothing the README does not state, have one: not lab 07 (drawing the topology is the homework),
 * nor the labs whose art shows what surrounds the agent and the answer's jobs do not (09's offset
 * file, 10's tables, 11's gmond, 16's downstream agent, 15's Kafka producer chain), nor lab 08
 * (two unrelated agents, as its art shows them). The pictures are handed out to students, so
 * grading's HandoutIT checks them as it checks every handed-out file. The students' copy has no
 * reference answers: there the test is skipped.
 */
class LabTopologyPicturesTest {

  static final List<String> LABS_WITH_PICTURES = List.of("01-netcat-logger", "02-exec-hdfs",
      "03-spooldir-hdfs", "04-replicating-multiplexing", "05-sinkgroup", "06-fan-in",
      "14-flume-kafka");

  /** Surefire runs in the module's directory. */
  private static final Path ROOT = Path.of("..", "..");
  private static final Pattern HASH = Pattern.compile("<!-- flumelab topology: dot sha256 ([0-9a-f]{64}) -->");

  static Stream<String> labsWithPictures() {
    return LABS_WITH_PICTURES.stream();
  }

  @ParameterizedTest
  @MethodSource("labsWithPictures")
  void theReadmeShowsThePictureOfTheAnswersJobs(String lab) throws IOException {
    assumeTrue(Files.isDirectory(ROOT.resolve("answers")), "a copy without the answers");
    Path svg = ROOT.resolve("labs").resolve(lab).resolve("topology.svg");
    String dot = dotOfAnswer(lab);
    if (Boolean.getBoolean("flumelab.docs.update")) {
      Files.writeString(svg, draw(dot), StandardCharsets.UTF_8);
    }
    assertThat(svg).as("%s; draw it with ./mvnw test -pl runtime/launcher "
        + "-Dtest=LabTopologyPicturesTest -Dflumelab.docs.update=true", svg).exists();
    String picture = Files.readString(svg, StandardCharsets.UTF_8);
    Matcher hash = HASH.matcher(picture);
    assertThat(hash.find()).as("%s carries the hash of its DOT text", svg).isTrue();
    assertThat(hash.group(1)).as("%s is drawn from the answer's jobs as they are now; redraw it "
        + "with ./mvnw test -pl runtime/launcher -Dtest=LabTopologyPicturesTest "
        + "-Dflumelab.docs.update=true", svg).isEqualTo(sha256(dot));
    assertThat(Files.readString(ROOT.resolve("labs").resolve(lab).resolve("README.md")))
        .contains("](topology.svg)");
  }

  @ParameterizedTest
  @MethodSource("labsWithoutPictures")
  void otherLabsHaveNone(String lab) {
    assertThat(ROOT.resolve("labs").resolve(lab).resolve("topology.svg")).doesNotExist();
  }

  static Stream<String> labsWithoutPictures() throws IOException {
    try (Stream<Path> labs = Files.list(ROOT.resolve("labs"))) {
      return labs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(name -> name.matches("\\d\\d-.*") && !LABS_WITH_PICTURES.contains(name))
          .sorted().toList().stream();
    }
  }

  /** The DOT text of every job file of the lab's answer, in path order. */
  static String dotOfAnswer(String lab) throws IOException {
    List<Path> jobs;
    try (Stream<Path> files = Files.walk(ROOT.resolve("answers").resolve(lab).resolve("jobs"))) {
      jobs = files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    // no environment or system property: the picture is the same on every machine
    return FlowGraphDot.render(FlowGraphs.read(jobs, null, AgentConfigurations.Options.defaults()
        .withEnv(Map.of()).withSystemProperties(Map.of())));
  }

  private static String draw(String dot) throws IOException {
    Graphviz graphviz = Graphviz.onPath().orElseThrow(() -> new IllegalStateException(
        "-Dflumelab.docs.update=true draws the pictures with Graphviz's dot. " + Graphviz.INSTALL_HINT));
    String svg = new String(graphviz.render(dot, "svg"), StandardCharsets.UTF_8);
    int start = svg.indexOf("<svg");
    return svg.substring(0, start) + "<!-- flumelab topology: dot sha256 " + sha256(dot)
        + " -->\n<!-- drawn by LabTopologyPicturesTest (runtime/launcher) from the reference "
        + "jobs; do not edit -->\n" + svg.substring(start);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
