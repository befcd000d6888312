package io.flumelab.benchmarks;

import io.flumelab.core.agent.Agent;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.spi.ComponentCounter;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * avro → memory → null, fed by Apache Flume's SDK client ({@link FlumeSdkLoadClient}) in a separate
 * JVM: batches of 100 events of 100 bytes, a warm-up, then the measured events; done when the
 * channel's take counter has grown by that many. {@code flumelab} runs our agent in this JVM;
 * {@code flume} runs Apache Flume 1.11's agent in a JVM of its own (-Xmx1g, G1) and reads its
 * counters over its HTTP monitoring. Nothing of Flume is part of FlumeLab: its classpath comes from
 * a throwaway POM.
 *
 * <pre>
 * # Flume 1.11's classpath, once
 * mkdir -p /tmp/flume-cp &amp;&amp; cat &gt; /tmp/flume-cp/pom.xml &lt;&lt;'EOF'
 * &lt;project&gt;&lt;modelVersion&gt;4.0.0&lt;/modelVersion&gt;&lt;groupId&gt;tmp&lt;/groupId&gt;&lt;artifactId&gt;flume-cp&lt;/artifactId&gt;&lt;version&gt;1&lt;/version&gt;
 *   &lt;dependencies&gt;&lt;dependency&gt;&lt;groupId&gt;org.apache.flume&lt;/groupId&gt;&lt;artifactId&gt;flume-ng-node&lt;/artifactId&gt;&lt;version&gt;1.11.0&lt;/version&gt;&lt;/dependency&gt;&lt;/dependencies&gt;&lt;/project&gt;
 * EOF
 * (cd /tmp/flume-cp &amp;&amp; mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt)
 * ./mvnw -q -pl runtime/benchmarks package -DskipTests
 * CP="runtime/benchmarks/target/classes:runtime/launcher/target/lib/*:runtime/launcher/target/classes"
 * java -Xmx1g -XX:+UseG1GC -cp "$CP" io.flumelab.benchmarks.AvroThroughput flumelab /tmp/flume-cp/cp.txt
 * java -cp "$CP" io.flumelab.benchmarks.AvroThroughput flume /tmp/flume-cp/cp.txt
 * </pre>
 *
 * <p>Optional arguments after those two: events (1000000), warm-up (300000), client connections
 * (2), agent warm-up (0: events an earlier client JVM sends first, so that the agent is warm but
 * the measured client is not). Run on an idle machine; the client JVM competes with the agent for
 * the processors. Besides events/s it prints the CPU time each JVM spent per measured event, a
 * figure the load generator does not cap.
 */
public final class AvroThroughput {

  private static final Pattern TAKES =
      Pattern.compile("\"CHANNEL\\.c1\":\\{[^}]*\"EventTakeSuccessCount\":\"(\\d+)\"");

  private AvroThroughput() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String flumeClasspath = Files.readString(Path.of(args[1])).trim();
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 300_000;
    int clients = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    int agentWarmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    int port = freePort();
    String config = String.join("\n",
        "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
        "a1.sources.r1.type = avro", "a1.sources.r1.bind = 127.0.0.1",
        "a1.sources.r1.port = " + port, "a1.sources.r1.channels = c1",
        "a1.channels.c1.type = memory", "a1.channels.c1.capacity = 100000",
        "a1.channels.c1.transactionCapacity = 1000",
        "a1.sinks.k1.type = null", "a1.sinks.k1.batchSize = 1000", "a1.sinks.k1.channel = c1", "");
    List<Process> processes = new ArrayList<>();
    Agent agent = null;
    try {
      LongSupplier takes;
      Supplier<Duration> agentCpu;
      if (mode.equals("flumelab")) {
        agent = Agent.of(AgentConfigurations.load("avro-throughput.conf", config, "a1",
            AgentConfigurations.Options.defaults()));
        agent.start();
        agentCpu = AvroThroughput::ownCpu;
        ComponentCounter channel = agent.counters().stream()
            .filter(counter -> counter.getType().equals("CHANNEL")).findFirst().orElseThrow();
        takes = () -> channel.get("EventTakeSuccessCount");
      } else if (mode.equals("flume")) {
        takes = startFlume(config, flumeClasspath, processes);
        ProcessHandle flume = processes.get(0).toHandle();
        agentCpu = () -> cpuOf(flume);
      } else {
        throw new IllegalArgumentException("mode is flumelab or flume, not " + mode);
      }
      String ownClasses = new File(AvroThroughput.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI()).getPath();
      String clientClasspath = ownClasses + File.pathSeparator + flumeClasspath;
      if (agentWarmup > 0) {
        // an earlier client warms the agent alone; the measured client below starts cold
        LoadClient warmer = LoadClient.start(clientClasspath, port, agentWarmup, 0, clients);
        processes.add(warmer.process());
        warmer.go();
        warmer.process().waitFor();
      }
      LoadClient client = LoadClient.start(clientClasspath, port, warmup, events, clients);
      processes.add(client.process());
      waitFor(takes, (agentWarmup + warmup) / 100 * 100);
      Duration agentCpuBefore = agentCpu.get();
      Duration clientCpuBefore = client.cpu();
      long start = System.nanoTime();
      long target = takes.getAsLong() + events;
      client.go();
      waitFor(takes, target);
      long nanos = System.nanoTime() - start;
      double agentCpuNanos = agentCpu.get().minus(agentCpuBefore).toNanos();
      double clientCpuNanos = client.cpu().minus(clientCpuBefore).toNanos();
      System.out.printf(Locale.ROOT, "%s: %,d events in %.3f s = %,.0f events/s (%d client "
          + "connections, batches of 100 x 100 bytes)%n", mode, events, nanos / 1e9,
          events * 1e9 / nanos, clients);
      System.out.printf(Locale.ROOT, "  CPU per event: agent %.2f us (%.0f%% of a core), "
          + "client %.2f us (%.0f%%)%n", agentCpuNanos / events / 1e3, 100 * agentCpuNanos / nanos,
          clientCpuNanos / events / 1e3, 100 * clientCpuNanos / nanos);
      client.process().waitFor();
    } finally {
      if (agent != null) {
        agent.stop(0);
      }
      for (Process process : processes) {
        process.destroy();
        process.waitFor();
      }
    }
  }

  private static LongSupplier startFlume(String config, String classpath, List<Process> processes)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("flume-bench");
    Path conf = dir.resolve("a1.conf");
    Files.writeString(conf, config);
    Files.writeString(dir.resolve("log4j2.xml"), "<Configuration status=\"warn\"><Appenders>"
        + "<Console name=\"c\"><PatternLayout pattern=\"%d %p %c{1} %m%n\"/></Console></Appenders>"
        + "<Loggers><Root level=\"warn\"><AppenderRef ref=\"c\"/></Root></Loggers></Configuration>");
    int http = freePort();
    Process flume = new ProcessBuilder(javaBin(), "-Xmx1g", "-XX:+UseG1GC",
        "-Dlog4j.configurationFile=" + dir.resolve("log4j2.xml"),
        "-Dflume.monitoring.type=http", "-Dflume.monitoring.port=" + http,
        "-cp", classpath, "org.apache.flume.node.Application", "-n", "a1", "-f", conf.toString())
        .inheritIO().start();
    processes.add(flume);
    HttpClient httpClient = HttpClient.newHttpClient();
    HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/metrics"))
        .build();
    LongSupplier takes = () -> {
      try {
        String json = httpClient.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = TAKES.matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    };
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (takes.getAsLong() < 0) {
      if (System.nanoTime() > deadline || !flume.isAlive()) {
        throw new IllegalStateException("Flume's agent did not start");
      }
      Thread.sleep(200);
    }
    return takes;
  }

  /**
   * Polls every 10 ms: often enough for runs of seconds, rarely enough that reading Flume's HTTP
   * counters (JSON built from its MBeans) does not slow the agent being measured.
   */
  private static void waitFor(LongSupplier takes, long target) {
    while (takes.getAsLong() < target) {
      LockSupport.parkNanos(10_000_000);
    }
  }

  /** This JVM's CPU time: the agent's, plus the little this harness spends polling. */
  private static Duration ownCpu() {
    return cpuOf(ProcessHandle.current());
  }

  static Duration cpuOf(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
