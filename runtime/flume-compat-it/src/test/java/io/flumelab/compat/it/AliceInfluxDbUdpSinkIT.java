package io.flumelab.compat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.compat.it.PublishedPlugins.FlumeRelease;
import io.flumelab.compat.it.PublishedPlugins.Plugin;
import io.flumelab.core.agent.Agent;
import io.flumelab.core.monitor.MetricsJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two more published plugins, built from their unchanged sources against flume-ng-core 1.7.0 (as
 * their authors did) and 1.11.0: CERN ALICE O2's InfluxDbUdpSink (an AbstractSink with its own
 * transactions, a SinkCounter and log4j 1 logging) sends what kyanagimoto's
 * JsonBodyTimestampInterceptor (in Flume's own package org.apache.flume.interceptor, with
 * json-simple in libext) routed to it through a multiplexing selector, as UDP datagrams.
 */
class AliceInfluxDbUdpSinkIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SINK = "ch.cern.alice.o2.flume.InfluxDbUdpSink";
  private static final String INTERCEPTOR =
      "org.apache.flume.interceptor.JsonBodyTimestampInterceptor";

  /** The agent's log file, as log4j2-test.xml names it. */
  private static final Path AGENT_LOG = PublishedPlugins.TARGET.resolve("agent.log");

  @TempDir
  Path dir;

  private Agent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop(0);
    }
  }

  @ParameterizedTest
  @EnumSource(FlumeRelease.class)
  void theSinkSendsWhatTheInterceptorRoutedToItAndLogsAndCountsAsOnFlume(FlumeRelease release)
      throws Exception {
    Path plugins = dir.resolve("plugins.d");
    PublishedPlugins.install(plugins, "influxdb-udp", Plugin.ALICE_INFLUXDB_UDP_SINK, release);
    PublishedPlugins.install(plugins, "json-timestamp", Plugin.JSON_BODY_TIMESTAMP_INTERCEPTOR,
        release);
    Path rolled = Files.createDirectories(dir.resolve("rolled"));
    int netcat = Agents.freePort();
    try (DatagramSocket influx = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      influx.setSoTimeout((int) WAIT.toMillis());
      agent = Agents.start(config(netcat, influx.getLocalPort(), rolled), plugins);

      send(netcat, List.of(
          "{\"@timestamp\":\"2024-05-06T07:08:09\",\"cpu\":\"0.5\"}",
          "not json at all",
          "{\"@timestamp\":\"2023-01-02T03:04:05\",\"cpu\":\"0.7\"}",
          "{\"@timestamp\":\"2024-12-31T23:59:59\",\"cpu\":\"中文\"}"));

      assertThat(List.of(receive(influx), receive(influx))).containsExactly(
          "{\"@timestamp\":\"2024-05-06T07:08:09\",\"cpu\":\"0.5\"}",
          "{\"@timestamp\":\"2024-12-31T23:59:59\",\"cpu\":\"中文\"}");
      await().atMost(WAIT).untilAsserted(() -> assertThat(Agents.rolledLines(rolled))
          .as("what the interceptor gave no timestampYear 2024 goes to the default channel")
          .containsExactly("not json at all",
              "{\"@timestamp\":\"2023-01-02T03:04:05\",\"cpu\":\"0.7\"}"));

      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName counter = new ObjectName("org.apache.flume.sink:type=k1");
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(server.getAttribute(counter, "EventDrainSuccessCount")).isEqualTo(2L));
      assertThat(server.getObjectInstance(counter).getClassName())
          .isEqualTo("org.apache.flume.instrumentation.SinkCounter");
      assertThat(server.getClassLoaderFor(counter).getName())
          .as("Flume's own SinkCounter, from the one copy of Flume's API")
          .isEqualTo("compat:flume");
      assertThat(MetricsJson.of(agent.counters())).contains("\"SINK.k1\":{")
          .contains("\"EventDrainSuccessCount\":\"2\"");
      await().atMost(WAIT).untilAsserted(() -> assertThat(agentLog())
          .as("the plugins' log4j 1 lines in the agent's log (%s)", AGENT_LOG)
          .containsPattern("INFO  \\[[^]]+] " + Pattern.quote(SINK
              + " - InfluxDB/UDP Sink started 127.0.0.1:" + influx.getLocalPort()))
          .containsPattern("INFO  \\[[^]]+] " + Pattern.quote(INTERCEPTOR
              + " - Received this log message that is not formatted in json: not json at all")));
    }
  }

  private static String config(int netcat, int influx, Path rolled) {
    return """
        a1.sources = r1
        a1.channels = c1 c2
        a1.sinks = k1 k2
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = 127.0.0.1
        a1.sources.r1.port = %d
        a1.sources.r1.channels = c1 c2
        a1.sources.r1.interceptors = i1
        a1.sources.r1.interceptors.i1.type = org.apache.flume.interceptor.JsonBodyTimestampInterceptor$Builder
        a1.sources.r1.selector.type = multiplexing
        a1.sources.r1.selector.header = timestampYear
        a1.sources.r1.selector.mapping.2024 = c1
        a1.sources.r1.selector.default = c2
        a1.channels.c1.type = memory
        a1.channels.c2.type = memory
        a1.sinks.k1.type = ch.cern.alice.o2.flume.InfluxDbUdpSink
        a1.sinks.k1.channel = c1
        a1.sinks.k1.hostname = 127.0.0.1
        a1.sinks.k1.port = %d
        a1.sinks.k2.type = file_roll
        a1.sinks.k2.channel = c2
        a1.sinks.k2.sink.directory = %s
        a1.sinks.k2.sink.rollInterval = 0
        a1.sinks.k2.sink.batchSize = 1
        """.formatted(netcat, influx, rolled);
  }

  private static String agentLog() throws Exception {
    return Files.exists(AGENT_LOG) ? Files.readString(AGENT_LOG, StandardCharsets.UTF_8) : "";
  }

  /** Sends each line to the netcat source and waits for its OK. */
  private static void send(int port, List<String> lines) throws Exception {
    await().atMost(WAIT).ignoreExceptions().until(() -> {
      new Socket(InetAddress.getLoopbackAddress(), port).close();
      return true;
    });
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> replies = new ArrayList<>();
      for (String line : lines) {
        out.write(line + "\n");
        out.flush();
        replies.add(in.readLine());
      }
      assertThat(replies).containsOnly("OK");
    }
  }

  private static String receive(DatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }
}
