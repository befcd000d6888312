package io.flumelab.labs.interceptors;

import static io.flumelab.labs.interceptors.MultiplexingJob.AGENT;
import static io.flumelab.labs.interceptors.MultiplexingJob.PORT;
import static io.flumelab.labs.interceptors.MultiplexingJob.customInterceptor;
import static io.flumelab.labs.interceptors.MultiplexingJob.headerOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.Agents;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.JobVariant;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part (a): the student's interceptor and a multiplexing selector in a real agent. Lines go in
 * through the netcat source; where each ends up (the file_roll directory of its kind) is judged,
 * whatever the job's components are called and whichever API the interceptor is written against.
 */
@LabTest
@DisplayName("Lab 15 (a): your interceptor and a multiplexing selector")
class MultiplexingIT {

  private static final Duration REPLY = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private MultiplexingJob multiplexing;

  @BeforeEach
  void directories() throws IOException {
    multiplexing = MultiplexingJob.in(dir);
  }

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("multiplexing.conf passes flume-ng check: netcat on localhost:44451, your interceptor, a multiplexing selector on the header it sets: letter, number and the default each to a file_roll directory of its own")
  void theJobIsValid() {
    try {
      assertTheJob(JobCheck.assertClean(multiplexing.job, AGENT, List.of("LAB15_DIR=" + dir)));
    } catch (AssertionError e) {
      throw new AssertionError(NotesFaults.withFaults(e.getMessage(), multiplexing.job, AGENT), e);
    }
  }

  private void assertTheJob(Job a1) {
    Job.Component netcat = a1.onlySource("netcat");
    assertThat(netcat.address("bind", "port").is("localhost", PORT))
        .as("%s listens on %s; the task asks for localhost:%d", netcat,
            netcat.address("bind", "port"), PORT).isTrue();
    Job.Component interceptor = customInterceptor(a1, netcat);
    String header = headerOf(interceptor);

    Job.Component selector = a1.selectorOf(netcat);
    assertThat(selector.type()).as("%s's channel selector", netcat).isEqualTo("multiplexing");
    assertThat(selector.setting("header")).as("the header %s's selector routes by "
        + "(selector.header): the one the interceptor %s sets", netcat, interceptor)
        .isEqualTo(header);
    List<String> letter = selector.list("mapping.letter");
    List<String> number = selector.list("mapping.number");
    List<String> fallback = selector.list("default");
    assertThat(List.of(letter, number, fallback))
        .as("the channels of selector.mapping.letter, selector.mapping.number and "
            + "selector.default: one each, three different ones")
        .allSatisfy(channels -> assertThat(channels).hasSize(1))
        .doesNotHaveDuplicates();
    assertThat(a1.channelsOf(netcat)).extracting(Job.Component::name)
        .as("the channels %s writes to", netcat)
        .contains(letter.get(0), number.get(0), fallback.get(0));

    assertWritesInto(a1, letter.get(0), "letter");
    assertWritesInto(a1, number.get(0), "number");
    assertWritesInto(a1, fallback.get(0), "other");
  }

  @Test
  @Order(2)
  @Points(25)
  @DisplayName("mixed lines each reach the directory of their kind once: a letter first to letter/, a digit to number/, anything else through the default channel to other/")
  void mixedLinesRouteByKind(Agents agents) {
    Routed lines = new Routed(
        List.of("apple", "Zebra crossing", "x1", "hello world", "Q"),
        List.of("42", "7up", "0 apples", "2024-06-01", "9"),
        List.of("#hashtag", "-5", "中文开头", "(aside)", "_x", "é accent"));
    multiplexing.start(agents);

    send(lines.mixed());

    lines.assertRouted(dir, NotesFaults.explain(multiplexing.job, AGENT));
  }

  @Test
  @Order(3)
  @Points(15)
  @DisplayName("the interceptor reads its key: with header = kind on it and on the selector, lines route by kind")
  void theInterceptorReadsItsKey(Agents agents) {
    Job a1 = multiplexing.read();
    Job.Component netcat = a1.onlySource("netcat");
    Job.Component interceptor = customInterceptor(a1, netcat);
    String prefix = AGENT + ".sources." + netcat.name() + ".";
    Path variant = JobVariant.of(multiplexing.job)
        .set(prefix + "interceptors." + interceptor.name() + ".header", "kind")
        .set(prefix + "selector.header", "kind")
        .writeTo(dir.resolve("header-kind.conf"));
    Routed lines = new Routed(List.of("kind of letter", "B"), List.of("1 kind", "2"),
        List.of("!kind", "?"));
    multiplexing.start(agents, variant);

    send(lines.mixed());

    lines.assertRouted(dir, "With " + interceptor.name() + ".header = kind and selector.header "
        + "= kind: an interceptor that ignores its key sets the header type instead, on which "
        + "this selector does not route. The Builder's configure(Context) reads header "
        + "(context.getString(\"header\", \"type\")) and build() hands it to the interceptor.");
  }

  private static void send(List<String> lines) {
    try (LineClient nc = LineClient.connect("localhost", PORT)) {
      for (String line : lines) {
        nc.send(line);
        assertThat(nc.readLine(REPLY)).as("netcat's reply to '%s'", line).isEqualTo("OK");
      }
    }
  }

  private void assertWritesInto(Job a1, String channelName, String kind) {
    Job.Component channel = a1.channels().stream().filter(c -> c.name().equals(channelName))
        .findFirst().orElseThrow(() -> new AssertionError("channel " + channelName
            + " (mapped to " + kind + ") is not declared in a1.channels"));
    List<Job.Component> sinks = a1.sinksOf(channel);
    assertThat(sinks).as("the sinks that drain %s, the channel of %s lines; %s", channel, kind,
        a1.wiring()).hasSize(1);
    assertThat(sinks.get(0).type()).as("the type of %s", sinks.get(0)).isEqualTo("file_roll");
    assertThat(Path.of(sinks.get(0).setting("sink.directory")).normalize())
        .as("the directory %s writes %s lines into (sink.directory)", sinks.get(0), kind)
        .isEqualTo(dir.resolve(kind));
  }
}
