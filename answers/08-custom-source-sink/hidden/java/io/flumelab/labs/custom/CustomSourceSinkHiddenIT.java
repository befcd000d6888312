package io.flumelab.labs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.atguigu.MySink;
import io.flumelab.api.Context;
import io.flumelab.api.Sink.Status;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.Points;
import io.flumelab.harness.TestChannel;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 08: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests use the notes' prefix and one event at a time; these vary
 * the prefix and suffix and drain a longer channel.
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
  void theSinkUsesTheConfiguredPrefixAndSuffix(Agents agents, @TempDir Path dir) throws IOException {
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
  @DisplayName("MySink drains 20 events, one per process() call, then reports BACKOFF")
  void theSinkDrainsALongerChannel() throws Exception {
    TestChannel channel = TestChannel.memory(100, 10);
    MySink sink = new MySink();
    sink.setName("k1");
    sink.configure(new Context(Map.of("prefix", "p:", "suffix", ":s")));
    sink.setChannel(channel.channel());
    sink.start();
    for (int i = 0; i < 20; i++) {
      channel.put("event " + i);
    }

    for (int i = 0; i < 20; i++) {
      assertThat(sink.process()).as("process() call %d of 20, with events waiting", i + 1)
          .isEqualTo(Status.READY);
      assertThat(channel.size()).as("events left after %d calls (one taken per call)", i + 1)
          .isEqualTo(19 - i);
    }
    assertThat(sink.process()).as("process() on the drained channel").isEqualTo(Status.BACKOFF);
  }

  /** The student's job with every MySink's prefix and suffix replaced, whatever its names. */
  private static Path withMySinkKeys(Path job, Path copy, String prefix, String suffix)
      throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(job, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    List<String> sinks = properties.stringPropertyNames().stream()
        .filter(key -> key.endsWith(".type"))
        .filter(key -> "com.atguigu.MySink".equals(properties.getProperty(key).strip()))
        .map(key -> key.substring(0, key.length() - ".type".length()))
        .toList();
    assertThat(sinks).as("sinks of type com.atguigu.MySink in %s", job).isNotEmpty();
    for (String sink : sinks) {
      properties.setProperty(sink + ".prefix", prefix);
      properties.setProperty(sink + ".suffix", suffix);
    }
    try (Writer out = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
      properties.store(out, "lab 08 hidden test: " + job + " with prefix and suffix varied");
    }
    return copy;
  }
}
