package io.flumelab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.HeadlessChromium;
import io.flumelab.cluster.ServiceKind;
import io.flumelab.cluster.Settings;
import io.flumelab.core.agent.AgentAnnouncement;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.LineClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The live dashboard as a student uses it, in headless chromium: {@code bin/flumelab up} serves it
 * beside gmond, two agents started by {@code bin/flume-ng} (a1: netcat to an avro sink; a2: the
 * avro source it sends to) announce themselves, and the page draws them with the hop between them
 * (Graphviz's SVG), shows the counters moving while lines flow, and turns a2 red once it is killed
 * with SIGKILL. Screenshots of both moments are kept in {@code target/screenshots}.
 */
class DashboardIT {

  private static final Duration SHOWS = Duration.ofSeconds(30);
  private static final Pattern RATE = Pattern.compile("(?:put|take) ([0-9.]+)/s");
  private static final Pattern URL = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir
  Path state;

  private final Agents agents = new Agents();
  private final AtomicBoolean sending = new AtomicBoolean(true);
  private BinScript up;
  private HeadlessChromium chromium;

  @AfterEach
  void stopEverything() throws InterruptedException {
    sending.set(false);
    if (chromium != null) {
      chromium.close();
    }
    agents.close();
    if (up != null && up.isAlive()) {
      up.process().destroy();
      up.awaitExit(Duration.ofSeconds(60));
    }
  }

  @Test
  void theDashboardDrawsTheAgentsShowsTheirCountersMovingAndAKilledAgentInRed() throws Exception {
    Assumptions.assumeTrue(ServiceKind.GANGLIA.localInstalled() || Settings.inCi(),
        "gmond (ganglia-monitor) is not installed");
    int netcatPort = freePort();
    int avroPort = freePort();
    up = BinScript.start(state, Map.of(), "flumelab", "up", "--only", "ganglia",
        "--dashboard-port", "0");
    String url = awaitDashboardUrl(up);
    assertThat(up.out()).contains("agents started with bin/flume-ng announce themselves in "
        + state.resolve("run/agents"));
    assertThat(BinScript.run(state, "", "flumelab", "status").out())
        .contains("dashboard: " + url + "  (pid " + up.process().pid() + ")");

    Path receiverJob = Files.writeString(state.resolve("receiver.conf"), """
        a2.sources = r1
        a2.channels = c1
        a2.sinks = k1
        a2.sources.r1.type = avro
        a2.sources.r1.bind = 127.0.0.1
        a2.sources.r1.port = %d
        a2.sources.r1.channels = c1
        a2.channels.c1.type = memory
        a2.sinks.k1.type = null
        a2.sinks.k1.channel = c1
        """.formatted(avroPort));
    Path senderJob = Files.writeString(state.resolve("sender.conf"), """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = 127.0.0.1
        a1.sources.r1.port = %d
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = avro
        a1.sinks.k1.hostname = 127.0.0.1
        a1.sinks.k1.port = %d
        a1.sinks.k1.channel = c1
        """.formatted(netcatPort, avroPort));
    List<String> announceHere = List.of("-Dflumelab.state.dir=" + state);
    AgentProcess a2 = agents.start("a2", receiverJob, announceHere);
    agents.start("a1", senderJob, announceHere);

    chromium = HeadlessChromium.start(state);
    WebDriver browser = chromium.driver();
    browser.get(url);

    // the services as status knows them, and the topology drawn by Graphviz with its ids
    await("gmond answers", () -> "answers".equals(script(
        "const r = document.querySelector('#service-ganglia .state'); return r && r.textContent;")));
    for (String id : List.of("agent:a1", "agent:a2", "a1/source/r1", "a1/channel/c1", "a1/sink/k1",
        "a2/source/r1", "a2/channel/c1", "a2/sink/k1", "a1/source/r1->a1/channel/c1",
        "a2/channel/c1->a2/sink/k1", "hop:a1/sink/k1->a2/source/r1")) {
      await("the picture has " + id, () -> Boolean.TRUE.equals(script(
          "const e = document.getElementById(arguments[0]);"
              + " return e !== null && e.closest('svg') !== null;", id)));
    }

    // lines into a1's netcat source move every counter along the way, a2's included
    AtomicLong sent = new AtomicLong();
    Thread traffic = new Thread(() -> send(netcatPort, sent), "dashboard-traffic");
    traffic.setDaemon(true);
    traffic.start();
    await("a1 puts events into c1", () -> rate("a1/source/r1->a1/channel/c1") > 0);
    await("a1's avro sink takes them from c1", () -> rate("a1/channel/c1->a1/sink/k1") > 0);
    await("a2 puts them into its channel", () -> rate("a2/source/r1->a2/channel/c1") > 0);
    await("a2's sink takes them", () -> rate("a2/channel/c1->a2/sink/k1") > 0);
    assertThat(label("a1/channel/c1")).matches("fill [0-9.]+ % \\(\\d+\\)");
    long received = total("a2", "received");
    await("a2's events in grow", () -> total("a2", "received") > received);
    chromium.screenshot("DashboardIT-counters-moving");

    a2.kill();
    await("a2 is shown dead", () -> Boolean.TRUE.equals(script(
        "return document.getElementById('a2/channel/c1').classList.contains('dead')"
            + " && document.getElementById('agent:a2').classList.contains('dead');")));
    assertThat(script("return getComputedStyle(document.querySelector("
        + "'[id=\"a2/channel/c1\"] path')).stroke;")).isEqualTo("rgb(220, 38, 38)");
    assertThat(script("return document.querySelector('#agents tr.dead td.state').textContent;"))
        .asString().startsWith("dead: process " + a2.pid() + " is gone");
    assertThat(script("return document.getElementById('a1/channel/c1').classList.contains('dead');"))
        .isEqualTo(false);
    chromium.screenshot("DashboardIT-agent-killed");
    assertThat(sent.get()).isPositive();
  }

  /**
   * {@code bin/flumelab dashboard} runs on a class path of its own (cluster/services/pom.xml's
   * dashboard-lib): a job with a component of every runtime module is drawn there, the Kafka hop
   * included, and nothing is missing from it.
   */
  @Test
  void theDashboardAloneDrawsEveryModulesComponentsOnItsOwnClassPath() throws Exception {
    Path job = Files.writeString(state.resolve("every-module.conf"), """
        a1.sources = r1 r2
        a1.channels = c1
        a1.sinks = k1 k2
        a1.sources.r1.type = avro
        a1.sources.r1.bind = 127.0.0.1
        a1.sources.r1.port = 4141
        a1.sources.r1.channels = c1
        a1.sources.r2.type = jdbc
        a1.sources.r2.url = jdbc:mysql://hadoop102:3306/course
        a1.sources.r2.table = student
        a1.sources.r2.channels = c1
        a1.channels.c1.type = file
        a1.sinks.k1.type = kafka
        a1.sinks.k1.kafka.bootstrap.servers = 127.0.0.1:9092
        a1.sinks.k1.kafka.topic = first
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = hdfs
        a1.sinks.k2.hdfs.path = hdfs://hadoop102:9000/flume
        a1.sinks.k2.channel = c1
        a2.sources = r1
        a2.channels = c1
        a2.sinks = k1
        a2.sources.r1.type = kafka
        a2.sources.r1.kafka.bootstrap.servers = 127.0.0.1:9092
        a2.sources.r1.kafka.topics = first
        a2.sources.r1.channels = c1
        a2.channels.c1.type = memory
        a2.sinks.k1.type = logger
        a2.sinks.k1.channel = c1
        """);
    Path announcements = AgentAnnouncement.directory(state);
    for (String agent : List.of("a1", "a2")) {
      // this test's own process stands for the agents: alive, its counters nowhere
      AgentAnnouncement.ofThisProcess(agent, job, "http://127.0.0.1:9/metrics").write(announcements);
    }
    Path checkout = BinScript.checkout();
    Path target = checkout.resolve("cluster/services/target");
    String ownClassPath;
    try (var jars = Files.list(target)) {
      ownClassPath = jars.filter(jar -> jar.getFileName().toString().matches("flumelab-services-.*\\.jar"))
          .findFirst().orElseThrow() + ":" + target.resolve("dashboard-lib") + "/*";
    }
    BinScript dashboard = BinScript.start(state, Map.of("FLUMELAB_DASHBOARD_CLASSPATH", ownClassPath),
        "flumelab", "dashboard", "--port", "0");
    try {
      Awaitility.await("the dashboard's URL").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!dashboard.isAlive()) {
              throw new AssertionError("flumelab dashboard exited:\n" + dashboard.output());
            }
            return URL.matcher(dashboard.out()).find();
          });
      Matcher url = URL.matcher(dashboard.out());
      assertThat(url.find()).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> svg = http.send(HttpRequest.newBuilder(
          URI.create(url.group(1) + "api/topology.svg")).build(), BodyHandlers.ofString());
      assertThat(svg.statusCode()).as(svg.body()).isEqualTo(200);
      // the ids as a browser reads them: Graphviz escapes '-' and '>' in attributes
      String drawn = svg.body().replace("&#45;", "-").replace("&gt;", ">");
      for (String id : List.of("a1/source/r1", "a1/source/r2", "a1/channel/c1", "a1/sink/k1",
          "a1/sink/k2", "a2/source/r1", "hop:a1/sink/k1->a2/source/r1")) {
        assertThat(drawn).contains("id=\"" + id + "\"");
      }
      HttpResponse<String> answered = http.send(HttpRequest.newBuilder(
          URI.create(url.group(1) + "api/state")).build(), BodyHandlers.ofString());
      assertThat(answered.statusCode()).isEqualTo(200);
      assertThat(answered.body()).contains("\"a1\"", "\"a2\"");
      assertThat(dashboard.output()).doesNotContain("Exception", "Error");
      assertThat(BinScript.run(state, "", "flumelab", "status").out())
          .contains("flumelab: not running", "dashboard: " + url.group(1));
    } finally {
      dashboard.process().destroy();
      dashboard.awaitExit(Duration.ofSeconds(30));
    }
  }

  /** A line every 20 ms, each waiting for netcat's OK, until the test ends. */
  private void send(int port, AtomicLong sent) {
    try (LineClient client = LineClient.connect("127.0.0.1", port)) {
      while (sending.get()) {
        client.send("event " + sent.incrementAndGet());
        client.readLine(Duration.ofSeconds(5));
        Thread.sleep(20); // the pace of the traffic, not a wait for a condition
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String awaitDashboardUrl(BinScript up) {
    Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (!up.isAlive()) {
            throw new AssertionError("flumelab up exited with " + up.exitCode() + ":\n" + up.output());
          }
          return up.out().contains("Ctrl-C stops everything.");
        });
    Matcher url = URL.matcher(up.out());
    assertThat(url.find()).as("the dashboard's URL in:\n%s", up.out()).isTrue();
    return url.group(1);
  }

  private Object script(String code, Object... args) {
    return ((JavascriptExecutor) chromium.driver()).executeScript(code, args);
  }

  /** The live line of an edge or channel, as the page shows it. */
  private String label(String id) {
    Object text = script("const e = document.getElementById(arguments[0]);"
        + " const t = e ? e.querySelectorAll('text') : [];"
        + " return t.length ? t[t.length - 1].textContent : null;", id);
    return text == null ? "" : text.toString();
  }

  private double rate(String edge) {
    Matcher rate = RATE.matcher(label(edge));
    return rate.matches() ? Double.parseDouble(rate.group(1)) : -1;
  }

  /** An agent's total in the agents table: "received" (events in) or "delivered" (events out). */
  private long total(String agent, String column) {
    Object text = script("const r = document.querySelector('#agents tr[data-agent=\"' + arguments[0]"
        + " + '\"] td.' + arguments[1]); return r ? r.textContent : '';", agent, column);
    return text.toString().matches("\\d+") ? Long.parseLong(text.toString()) : -1;
  }

  private void await(String what, Callable<Boolean> condition) {
    Awaitility.await(what).atMost(SHOWS).pollInterval(Duration.ofMillis(250)).until(condition);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
