package io.flumelab.benchmarks;

import io.flumelab.benchmarks.AgentJvm.Kind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * FlumeLab against Apache Flume 1.11 on the same machine in the same run: for each path
 * (avro → memory → null, netcat → memory → null, avro → memory → kafka, avro → file → null) and
 * each run, each agent in a JVM of its own is
 * fed by the same load client in a JVM of its own, a warm-up first, then the measured events; a
 * run is done when the agent's channel has given its sink that many. It prints events/s and the
 * CPU time each JVM spent per measured event (on 2 cores the client shares the processors with the
 * agent, so agent CPU per event is the figure the client does not cap), then a Markdown table with
 * the medians and the ratios.
 *
 * <pre>
 * runtime/benchmarks/flume-classpath.sh /tmp/flume-cp      # Flume 1.11's classpath, once
 * ./mvnw -q -pl runtime/benchmarks package -DskipTests
 * java -cp "runtime/benchmarks/target/classes:runtime/launcher/target/classes:runtime/launcher/target/lib/*" \
 *   io.flumelab.benchmarks.Throughput /tmp/flume-cp/cp.txt [avro,netcat,kafka,file] [events] [warm-up] [runs] [connections]
 * </pre>
 *
 * <p>The file path runs both agents' file channel with {@code fsyncPerTransaction = true} and
 * Flume's defaults otherwise (capacity 1,000,000, transactionCapacity 10,000, checkpoints every
 * 30 s), each run in new checkpoint and data directories under {@code java.io.tmpdir}, so both
 * agents write to the same disk. Flume's classpath must include its file channel
 * ({@code flume-classpath.sh} adds it). Besides CPU, each agent's memory is reported: its peak
 * resident set and its heap in use after a full collection.
 *
 * <p>The kafka path needs the course's brokers ({@code bin/flumelab up}, or {@code
 * -Dflumelab.bench.kafka=host:port,...}) and their host names: add
 * {@code -Djdk.net.hosts.file=$HOME/.flumelab/conf/hosts}. Each run writes to a new topic of 3
 * partitions with 2 replicas, deleted after it.
 *
 * <p>Defaults: both paths, 1,000,000 events after 300,000, 3 runs alternating the agents, 2 client
 * connections. Run it on an idle machine.
 */
public final class Throughput {

  /** How long the agent may take nothing after the client ended before the run is failed. */
  private static final Duration STALLED = Duration.ofSeconds(10);

  /** A pipeline under test: its source, the client that feeds it, and its sink. */
  private enum Pipeline {
    AVRO("avro", FlumeSdkLoadClient.class, "batches of 100 events of 100 bytes", false, false),
    NETCAT("netcat", NetcatLoadClient.class, "24-byte lines, one OK each", false, false),
    KAFKA("avro", FlumeSdkLoadClient.class, "batches of 100 events of 100 bytes", true, false),
    FILE("avro", FlumeSdkLoadClient.class, "batches of 100 events of 100 bytes", false, true);

    final String source;
    final Class<?> client;
    final String load;
    /** A Kafka sink (acks=all, a topic of 3 partitions, 2 replicas) instead of the null sink. */
    final boolean kafka;
    /**
     * A file channel (fsyncPerTransaction = true, Flume's defaults otherwise) instead of the
     * memory channel, its directories new for each run, on the disk of java.io.tmpdir.
     */
    final boolean file;

    Pipeline(String source, Class<?> client, String load, boolean kafka, boolean file) {
      this.source = source;
      this.client = client;
      this.load = load;
      this.kafka = kafka;
      this.file = file;
    }

    String label() {
      return source + " → " + (file ? "file (fsync)" : "memory") + " → "
          + (kafka ? "kafka (acks=all)" : "null");
    }
  }

  /**
   * One measured run; memory as the agent JVM's peak resident set and its heap in use after a
   * full collection, both read at the end of the measured window.
   */
  private record Run(double eventsPerSecond, double agentMicrosPerEvent, double clientMicrosPerEvent,
      double peakRssMiB, double liveHeapMiB, double agentSystemMicrosPerEvent,
      String channelNote) {}

  private Throughput() {}

  public static void main(String[] args) throws Exception {
    String flumeClasspath = Files.readString(Path.of(args[0])).trim();
    List<Pipeline> paths = new ArrayList<>();
    for (String name : (args.length > 1 ? args[1] : "avro,netcat").split(",")) {
      paths.add(Pipeline.valueOf(name.trim().toUpperCase(Locale.ROOT)));
    }
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 300_000;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int connections = args.length > 5 ? Integer.parseInt(args[5]) : 2;

    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%n| path | agent | events/s (%d runs) | median | agent CPU per event | client CPU per event"
            + " | agent peak RSS | agent live heap |%n|---|---|---|---|---|---|---|---|%n", runs));
    StringBuilder ratios = new StringBuilder();
    for (Pipeline path : paths) {
      Map<Kind, List<Run>> results = new EnumMap<>(Kind.class);
      for (int run = 1; run <= runs; run++) {
        for (Kind kind : Kind.values()) {
          Run result = measure(path, kind, flumeClasspath, events, warmup, connections);
          results.computeIfAbsent(kind, k -> new ArrayList<>()).add(result);
          System.out.printf(Locale.ROOT, "%s %s run %d: %,.0f events/s; CPU per event: agent %.2f us,"
              + " client %.2f us (agent in the kernel: %.2f us); agent peak RSS %.0f MiB, live"
              + " heap %.1f MiB%s%n", path.label(),
              kind, run, result.eventsPerSecond(), result.agentMicrosPerEvent(),
              result.clientMicrosPerEvent(), result.agentSystemMicrosPerEvent(), result.peakRssMiB(), result.liveHeapMiB(),
              result.channelNote());
        }
      }
      for (Kind kind : Kind.values()) {
        List<Run> all = results.get(kind);
        table.append(String.format(Locale.ROOT,
            "| %s | %s | %s | %,.0f | %.2f µs | %.2f µs | %.0f MiB | %.1f MiB |%n",
            path.label(), kind == Kind.FLUME ? "Apache Flume 1.11" : "FlumeLab",
            String.join(" · ", all.stream().map(r -> String.format(Locale.ROOT, "%,.0f",
                r.eventsPerSecond())).toList()),
            median(all, Run::eventsPerSecond), median(all, Run::agentMicrosPerEvent),
            median(all, Run::clientMicrosPerEvent), median(all, Run::peakRssMiB),
            median(all, Run::liveHeapMiB)));
      }
      ratios.append(String.format(Locale.ROOT, "%s (%s, %d connections): FlumeLab/Flume events/s %.2fx, "
          + "Flume/FlumeLab agent CPU per event %.2fx, FlumeLab/Flume peak RSS %.2fx, live heap"
          + " %.2fx%n", path.label(), path.load, connections,
          median(results.get(Kind.FLUMELAB), Run::eventsPerSecond)
              / median(results.get(Kind.FLUME), Run::eventsPerSecond),
          median(results.get(Kind.FLUME), Run::agentMicrosPerEvent)
              / median(results.get(Kind.FLUMELAB), Run::agentMicrosPerEvent),
          median(results.get(Kind.FLUMELAB), Run::peakRssMiB)
              / median(results.get(Kind.FLUME), Run::peakRssMiB),
          median(results.get(Kind.FLUMELAB), Run::liveHeapMiB)
              / median(results.get(Kind.FLUME), Run::liveHeapMiB)));
    }
    System.out.println(table);
    System.out.println(ratios);
  }

  private static Run measure(Pipeline path, Kind kind, String flumeClasspath, int events, int warmup,
      int connections) throws Exception {
    int port = AgentJvm.freePort();
    String topic = path.kafka ? BenchTopic.create(kind) : null;
    String sink = path.kafka
        ? String.join("\n", "a1.sinks.k1.type = org.apache.flume.sink.kafka.KafkaSink",
            "a1.sinks.k1.kafka.bootstrap.servers = " + BenchTopic.bootstrapServers(),
            "a1.sinks.k1.kafka.topic = " + topic, "a1.sinks.k1.flumeBatchSize = 1000",
            "a1.sinks.k1.kafka.producer.acks = all", BenchTopic.extraSinkSettings())
        : String.join("\n", "a1.sinks.k1.type = null", "a1.sinks.k1.batchSize = 1000");
    Path channelDir = path.file ? Files.createTempDirectory("bench-file-channel") : null;
    String channel = path.file
        ? String.join("\n", "a1.channels.c1.type = file",
            "a1.channels.c1.checkpointDir = " + channelDir.resolve("checkpoint"),
            "a1.channels.c1.dataDirs = " + channelDir.resolve("data"),
            "a1.channels.c1.fsyncPerTransaction = true", "a1.channels.c1.capacity = 1000000",
            "a1.channels.c1.transactionCapacity = 10000")
        : String.join("\n", "a1.channels.c1.type = memory", "a1.channels.c1.capacity = 100000",
            "a1.channels.c1.transactionCapacity = 1000");
    String config = String.join("\n",
        "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
        "a1.sources.r1.type = " + path.source, "a1.sources.r1.bind = 127.0.0.1",
        "a1.sources.r1.port = " + port, "a1.sources.r1.channels = c1",
        channel, sink, "a1.sinks.k1.channel = c1", "");
    String ownClasses = new File(Throughput.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).getPath();
    String clientClasspath = path.client == FlumeSdkLoadClient.class
        ? ownClasses + File.pathSeparator + flumeClasspath : ownClasses;
    try (AgentJvm agent = AgentJvm.start(kind, config, flumeClasspath)) {
      agent.awaitListening(port);
      LoadClient client = LoadClient.start(path.client, clientClasspath, port, warmup, events,
          connections);
      try {
        awaitTakes(agent, client, warmup / 100 * 100);
        client.awaitWarm();
        // everything before GO is settled: the warm-up was sent and taken
        long target = agent.takes() + events;
        long commitsBefore = agent.channelCounter("LogCommitCount");
        long fsyncsBefore = agent.channelCounter("LogFsyncCount");
        Duration agentBefore = agent.cpu();
        Duration agentSystemBefore = agent.systemCpu();
        Duration clientBefore = client.cpu();
        long start = System.nanoTime();
        client.go();
        awaitTakes(agent, client, target);
        long nanos = System.nanoTime() - start;
        double agentNanos = agent.cpu().minus(agentBefore).toNanos();
        double clientNanos = client.cpu().minus(clientBefore).toNanos();
        double agentSystemNanos = agent.systemCpu().minus(agentSystemBefore).toNanos();
        long commits = agent.channelCounter("LogCommitCount") - commitsBefore;
        long fsyncs = agent.channelCounter("LogFsyncCount") - fsyncsBefore;
        // FlumeLab's file channel counts its log writes: how many commits each fsync carried
        String note = commitsBefore >= 0 && fsyncs > 0 ? String.format(Locale.ROOT,
            "; %,d commits in %,d fsyncs (%.2f per fsync)", commits, fsyncs,
            (double) commits / fsyncs) : "";
        double peakRss = agent.peakRssMiB();
        return new Run(events * 1e9 / nanos, agentNanos / events / 1e3, clientNanos / events / 1e3,
            peakRss, agent.liveHeapMiB(), agentSystemNanos / events / 1e3, note);
      } finally {
        client.process().destroy();
        client.process().waitFor();
      }
    } finally {
      if (topic != null) {
        BenchTopic.delete(topic);
      }
      if (channelDir != null) {
        deleteTree(channelDir);
      }
    }
  }

  /**
   * Polls every 10 ms: often enough for runs of seconds, rarely enough that building the JSON of
   * the counters does not slow the agent being measured. A client that has ended sends nothing
   * more, so once the agent has taken nothing for {@link #STALLED} after that, the run failed.
   */
  private static void awaitTakes(AgentJvm agent, LoadClient client, long target) {
    long taken = agent.takes();
    long lastProgress = System.nanoTime();
    while (taken < target) {
      LockSupport.parkNanos(10_000_000);
      if (!agent.isAlive()) {
        throw new IllegalStateException("the agent ended after taking " + taken + " of " + target
            + " events; its output above says why");
      }
      long now = agent.takes();
      if (now > taken) {
        taken = now;
        lastProgress = System.nanoTime();
      } else if (!client.process().isAlive()
          && System.nanoTime() - lastProgress > STALLED.toNanos()) {
        throw new IllegalStateException("the load client ended (exit status "
            + client.process().exitValue() + ") and the agent has taken " + taken + " of "
            + target + " events; its output above says why");
      }
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
    List<Double> sorted = runs.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder())
        .toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
