package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.FlumeNgCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

/**
 * {@code bin/flume-ng graph}'s SVG of lab 07's answer (the homework's four agents) as a browser
 * shows it: headless chromium lays out four agent boxes that do not overlap, each titled with its
 * agent and file, and the three avro hops between them. A screenshot is kept in
 * {@code target/screenshots}.
 */
class HomeworkPictureIT {

  @TempDir
  Path dir;

  @Test
  void theHomeworksFourAgentsAndTheirHopsRenderInChromium() throws Exception {
    Assumptions.assumeTrue(Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(path -> Files.isExecutable(Path.of(path, "dot"))) || Settings.inCi(),
        "Graphviz's dot is not on the PATH (.ci/run installs graphviz)");
    Path jobs = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
        .resolve(Path.of("..", "..", "answers", "07-topology-homework", "jobs", "homework"))
        .normalize();
    // the students' copy (bin/flumelab handout) has no reference answers
    Assumptions.assumeTrue(Files.isDirectory(jobs), "a copy without the answers");
    Path svg = dir.resolve("homework.svg");
    List<String> command = new ArrayList<>(List.of("graph", "--format", "svg", "-o", svg.toString()));
    for (String job : List.of("flume1.conf", "flume2.conf", "flume3.conf", "flume4.conf")) {
      command.addAll(List.of("-f", jobs.resolve(job).toString()));
    }
    FlumeNgCli.Result graph = FlumeNgCli.run(command.toArray(String[]::new));
    assertThat(graph.exitCode()).as(graph.output()).isZero();

    try (HeadlessChromium chromium = HeadlessChromium.start(dir)) {
      chromium.driver().get(svg.toUri().toString());
      JavascriptExecutor page = (JavascriptExecutor) chromium.driver();

      @SuppressWarnings("unchecked")
      List<Map<String, Object>> agents = (List<Map<String, Object>>) page.executeScript("""
          return Array.from(document.querySelectorAll('g.cluster')).map(g => {
            const box = g.getBBox();
            return {title: g.querySelector('text').textContent.replace(/\\s+/g, ' '),
                x: box.x, y: box.y, width: box.width, height: box.height};
          });""");
      assertThat(agents).extracting(agent -> agent.get("title")).containsExactly(
          "agent a1 (flume1.conf)", "agent a2 (flume2.conf)", "agent a3 (flume3.conf)",
          "agent a4 (flume4.conf)");
      for (int i = 0; i < agents.size(); i++) {
        assertThat(number(agents.get(i), "width")).as("laid out: %s", agents.get(i)).isPositive();
        for (int j = i + 1; j < agents.size(); j++) {
          assertThat(overlap(agents.get(i), agents.get(j)))
              .as("%s and %s overlap", agents.get(i), agents.get(j)).isFalse();
        }
      }
      @SuppressWarnings("unchecked")
      List<String> hops = (List<String>) page.executeScript("""
          return Array.from(document.querySelectorAll('g.edge'))
              .map(g => Array.from(g.querySelectorAll('text')).map(t => t.textContent).join(' '))
              .filter(label => label.startsWith('avro '));""");
      assertThat(hops).containsExactlyInAnyOrder("avro hadoop103:4141", "avro hadoop105:4141",
          "avro hadoop105:4141");
      chromium.screenshot("HomeworkPictureIT-four-agents");
    }
  }

  private static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
    return number(a, "x") < number(b, "x") + number(b, "width")
        && number(b, "x") < number(a, "x") + number(a, "width")
        && number(a, "y") < number(b, "y") + number(b, "height")
        && number(b, "y") < number(a, "y") + number(a, "height");
  }

  private static double number(Map<String, Object> box, String key) {
    return ((Number) box.get(key)).doubleValue();
  }
}
