package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(AgentExtension.class)
class AgentProcessIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  @Test
  void startsSendsStopsWithStatusZero(Agents agents) throws IOException {
    int port = TestJobs.freePort();
    AgentProcess agent = agents.start("a1", TestJobs.netcatToLogger(dir, port)).awaitListening("127.0.0.1", port);

    try (LineClient nc = LineClient.connect("127.0.0.1", port)) {
      nc.send("hello");
      assertThat(nc.readLine(WAIT)).isEqualTo("OK");
    }
    agent.awaitLine(LoggerSinkOutput.eventLine("hello"), WAIT);

    assertThat(agent.stop()).isZero();
    assertThat(agent.outputText()).contains("Stopping agent a1", "Agent a1 stopped");
    assertThat(Ports.isFree("127.0.0.1", port)).isTrue();
  }

  @Test
  void killIsSigkillAndRestartServesAgain(Agents agents) throws IOException {
    int port = TestJobs.freePort();
    AgentProcess agent = agents.start("a1", TestJobs.netcatToLogger(dir, port)).awaitListening("127.0.0.1", port);

    assertThat(agent.kill()).isEqualTo(128 + 9);
    assertThat(agent.outputText()).doesNotContain("Stopping agent");

    agent.restart().awaitListening("127.0.0.1", port);
    try (LineClient nc = LineClient.connect("127.0.0.1", port)) {
      nc.send("again");
      assertThat(nc.readLine(WAIT)).isEqualTo("OK");
    }
  }

  @Test
  void monitoringOverHttpAsTheCourseStartsIt(Agents agents) throws Exception {
    int port = TestJobs.freePort();
    int metricsPort = TestJobs.freePort();
    agents.start("a1", TestJobs.netcatToLogger(dir, port), List.of("-Dflume.monitoring.type=http",
        "-Dflume.monitoring.port=" + metricsPort)).awaitListening("127.0.0.1", port);
    try (LineClient nc = LineClient.connect("127.0.0.1", port)) {
      nc.send("counted");
      assertThat(nc.readLine(WAIT)).isEqualTo("OK");
    }

    HttpClient http = HttpClient.newHttpClient();
    HttpRequest metrics = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build();
    await().atMost(WAIT).untilAsserted(() -> assertThat(
        http.send(metrics, HttpResponse.BodyHandlers.ofString()).body())
        .contains("\"SOURCE.r1\":{", "\"EventAcceptedCount\":\"1\"", "\"CHANNEL.c1\":{",
            "\"SINK.k1\":{"));
  }

  @Test
  void aTakenMonitoringPortStopsTheStartWithTheSettingToChange(Agents agents) throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> agents.start("a1", TestJobs.netcatToLogger(dir, TestJobs.freePort()),
          List.of("-Dflume.monitoring.type=http", "-Dflume.monitoring.port=" + taken.getLocalPort())))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("exited with status 1")
          .hasMessageContaining("Cannot serve metrics on port " + taken.getLocalPort()
              + ": it is in use");
    }
  }

  @Test
  void badConfigFailsTheStartWithTheReport(Agents agents) throws IOException {
    Path config = Files.writeString(dir.resolve("bad.conf"), """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = netcat
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = loger
        a1.sinks.k1.channel = c1
        """);

    assertThatThrownBy(() -> agents.start("a1", config))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("exited with status 1")
        .hasMessageContaining("bad.conf:7: a1.sinks.k1.type: unknown sink type 'loger'. Did you mean 'logger'?")
        .hasMessageContaining("bad.conf:4: a1.sources.r1.bind: missing required key 'bind'");
  }

  @Test
  void checkPrintsOkAndTheSummary() throws IOException {
    FlumeNgCli.Result result = FlumeNgCli.check(TestJobs.netcatToLogger(dir, TestJobs.freePort()), "a1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output().strip())
        .isEqualTo("OK agent a1: 1 source (r1 netcat), 1 channel (c1 memory), 1 sink (k1 logger)");
  }


}
