package io.flumelab.labs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.JobVariant;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.Points;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 08: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests use the notes' prefix and one or two lines; these vary the
 * prefix and suffix and send twenty lines at once.
 */
@LabTest
@DisplayName("Lab 08 (hidden): your own source and sink")
class CustomSourceSinkHiddenIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final Path sinkJob = Lab.file("jobs/mysink.conf");

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("MySink wraps each body in the prefix and suffix the job sets, whatever they are")
  void theSinkUsesTheConfiguredPrefixAndSuffix(Agents agents, @TempDir Path dir) {
    Path job = withMySinkKeys(sinkJob, dir.resolve("mysink-varied.conf"), "<<", ">>");
    AgentProcess agent = agents.start("a1", job).awaitListening("localhost", 44444);

    try (LineClient nc = LineClient.connect("localhost", 44444)) {
      nc.send("varied");
    }

    agent.awaitLine("<<varied>>", WAIT);
    assertThat(agent.output())
        .as("log lines with the notes' prefix 'FlumeLab:' although the job set '<<' "
            + "(read the prefix and suffix in configure(), do not write them in the code)")
        .noneMatch(line -> line.contains("FlumeLab:varied"));
  }

  @Test
  @Order(2)
  @Points(10)
  @DisplayName("MySink logs 20 lines sent at once, each once and in order")
  void theSinkDrainsALongerChannel(Agents agents) {
    AgentProcess agent = agents.start("a1", sinkJob).awaitListening("localhost", 44444);

    try (LineClient nc = LineClient.connect("localhost", 44444)) {
      for (int i = 0; i < 20; i++) {
        nc.send("event " + i);
      }
      for (int i = 0; i < 20; i++) {
        assertThat(nc.readLine(WAIT)).as("netcat's reply to line %d", i).isEqualTo("OK");
      }
    }
    agent.awaitLine("FlumeLab:event 19:bigdata", WAIT);

    List<String> logged = agent.output().stream().filter(line -> line.contains("FlumeLab:event "))
        .map(line -> line.substring(line.indexOf("FlumeLab:event "))).toList();
    assertThat(logged).as("the lines MySink logged, in order")
        .containsExactlyElementsOf(IntStream.range(0, 20)
            .mapToObj(i -> "FlumeLab:event " + i + ":bigdata").toList());
  }

  /** The student's job with every MySink's prefix and suffix replaced, whatever its names. */
  private static Path withMySinkKeys(Path job, Path copy, String prefix, String suffix) {
    JobVariant variant = JobVariant.of(job);
    for (String sink : variant.named("a1", "sinks", "com.atguigu.MySink")) {
      variant.set("a1.sinks." + sink + ".prefix", prefix).set("a1.sinks." + sink + ".suffix", suffix);
    }
    return variant.writeTo(copy);
  }
}
