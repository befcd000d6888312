package io.flumelab.labs.interceptors;

import static io.flumelab.labs.interceptors.MultiplexingJob.AGENT;
import static io.flumelab.labs.interceptors.MultiplexingJob.PORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobVariant;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.LoggerSinkOutput;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 15: run by -Panswers, -Palternative and bin/flumelab
 * grade, never by a student's build. The public tests run the student's interceptor alone and send
 * one line at a time; these put another interceptor before it and send a burst.
 */
@LabTest
@DisplayName("Lab 15 (hidden): your interceptor and a multiplexing selector")
class InterceptorsHiddenIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  private MultiplexingJob multiplexing;

  @BeforeEach
  void directories() throws IOException {
    multiplexing = MultiplexingJob.in(dir);
  }

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("the interceptor keeps the headers an earlier interceptor set: after a static interceptor, each event carries both headers")
  void earlierHeadersAreKept(Agents agents) {
    Job a1 = multiplexing.read();
    Job.Component netcat = a1.onlySource("netcat");
    Job.Component interceptor = MultiplexingJob.customInterceptor(a1, netcat);
    String header = MultiplexingJob.headerOf(interceptor);
    String source = AGENT + ".sources." + netcat.name() + ".";
    // the same agent, a static interceptor first and a logger sink on each channel, which prints
    // every event's headers
    JobVariant variant = JobVariant.of(multiplexing.job)
        .set(source + "interceptors", "origin " + String.join(" ", netcat.list("interceptors")))
        .set(source + "interceptors.origin.type", "static")
        .set(source + "interceptors.origin.key", "origin")
        .set(source + "interceptors.origin.value", "lab15")
        .remove(AGENT + ".sinks.");
    List<String> sinks = new ArrayList<>();
    for (Job.Component channel : a1.channels()) {
      String sink = "log_" + channel.name();
      sinks.add(sink);
      variant.set(AGENT + ".sinks." + sink + ".type", "logger")
          .set(AGENT + ".sinks." + sink + ".channel", channel.name());
    }
    variant.set(AGENT + ".sinks", String.join(" ", sinks));
    AgentProcess agent = multiplexing.start(agents, variant.writeTo(dir.resolve(
        "after-static.conf")));

    Map<String, String> kinds = Map.of("apple", "letter", "42", "number", "#tag", "other");
    try (LineClient nc = LineClient.connect("localhost", PORT)) {
      kinds.keySet().forEach(nc::send);
      kinds.keySet().forEach(line -> assertThat(nc.readLine(WAIT))
          .as("netcat's reply to a line").isEqualTo("OK"));
    }

    kinds.forEach((body, kind) -> {
      String logged = agent.awaitLine(line -> line.contains(LoggerSinkOutput.eventPrefix(body)),
          "the event '" + body + "'", WAIT);
      assertThat(logged).as("the event '%s' as a logger sink printed it, after a static "
          + "interceptor set origin = lab15 and yours set %s: an interceptor that gives the event "
          + "a new header map (setHeaders) drops what came before it; put into getHeaders()",
          body, header).contains("origin=lab15").contains(header + "=" + kind);
    });
  }

  @Test
  @Order(2)
  @Points(10)
  @DisplayName("a burst of 300 mixed lines, sent without waiting for replies, each reaches the directory of its kind once")
  void aBurstRoutesEveryLineOnce(Agents agents) {
    Routed lines = new Routed(
        IntStream.range(0, 100).mapToObj(i -> "word " + i).toList(),
        IntStream.range(0, 100).mapToObj(i -> i + " number").toList(),
        IntStream.range(0, 100).mapToObj(i -> "* star " + i).toList());
    multiplexing.start(agents);

    try (LineClient nc = LineClient.connect("localhost", PORT)) {
      List<String> all = lines.mixed();
      all.forEach(nc::send);
      for (String line : all) {
        assertThat(nc.readLine(WAIT)).as("netcat's reply to one of the 300 lines").isEqualTo("OK");
      }
    }

    lines.assertRouted(dir, NotesFaults.explain(multiplexing.job, AGENT));
  }
}
