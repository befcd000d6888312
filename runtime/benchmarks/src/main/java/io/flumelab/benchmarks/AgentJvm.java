package io.flumelab.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent under test in a JVM of its own ({@code -Xmx1g}, G1), FlumeLab's or Apache Flume 1.11's,
 * both read the same way: the take counter of channel c1 from the JSON of their HTTP monitoring
 * (Flume's format, which FlumeLab serves too), and the JVM's CPU time from the OS.
 */
final class AgentJvm implements AutoCloseable {

  /** Which agent runs the job. */
  enum Kind { FLUMELAB, FLUME }

  private static final Pattern TAKES =
      Pattern.compile("\"CHANNEL\\.c1\":\\{[^}]*\"EventTakeSuccessCount\":\"(\\d+)\"");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String HOSTS_FILE = "jdk.net.hosts.file";
  /**
   * More JVM options for both agents, e.g. a flight recording:
   * {@code -Dflumelab.bench.agentJvmOptions=-XX:StartFlightRecording=filename=/tmp/{agent}.jfr};
   * {@code {agent}} becomes {@code flumelab} or {@code flume}.
   */
  static final String JVM_OPTIONS = "flumelab.bench.agentJvmOptions";
  private static final Pattern PEAK_RSS = Pattern.compile("VmHWM:\\s+(\\d+) kB");
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();
  private final HttpRequest metrics;

  private AgentJvm(Process process, int httpPort) {
    this.process = process;
    this.metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
        .build();
  }

  /**
   * Starts agent a1 of {@code config} and returns once its counters answer.
   *
   * @param flumeClasspath Apache Flume 1.11's classpath, for {@link Kind#FLUME}
   */
  static AgentJvm start(Kind kind, String config, String flumeClasspath)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("bench-agent");
    Path conf = Files.writeString(dir.resolve("a1.conf"), config);
    Path log4j = Files.writeString(dir.resolve("log4j2.xml"), "<Configuration status=\"warn\">"
        + "<Appenders><Console name=\"c\"><PatternLayout pattern=\"%d %p %c{1} %m%n\"/></Console>"
        + "</Appenders><Loggers><Root level=\"warn\"><AppenderRef ref=\"c\"/></Root></Loggers>"
        + "</Configuration>");
    int httpPort = freePort();
    List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx1g", "-XX:+UseG1GC",
        "-Dflume.monitoring.type=http", "-Dflume.monitoring.port=" + httpPort));
    String options = System.getProperty(JVM_OPTIONS, "").strip();
    if (!options.isEmpty()) {
      String agent = kind == Kind.FLUMELAB ? "flumelab" : "flume";
      for (String option : options.split("\\s+")) {
        command.add(option.replace("{agent}", agent));
      }
    }
    // the course's host names (a Kafka sink's brokers) resolve in the agents as in this JVM
    String hostsFile = System.getProperty(HOSTS_FILE);
    if (hostsFile != null) {
      command.add("-D" + HOSTS_FILE + "=" + hostsFile);
    }
    if (kind == Kind.FLUMELAB) {
      command.addAll(List.of("-Dlog4j2.configurationFile=" + log4j,
          "-cp", System.getProperty("java.class.path"), "io.flumelab.launcher.FlumeNg", "agent"));
    } else {
      command.addAll(List.of("-Dlog4j.configurationFile=" + log4j,
          "-cp", flumeClasspath, "org.apache.flume.node.Application"));
    }
    command.addAll(List.of("-n", "a1", "-f", conf.toString()));
    AgentJvm agent = new AgentJvm(new ProcessBuilder(command).inheritIO().start(), httpPort);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (agent.takes() < 0) {
      if (System.nanoTime() > deadline || !agent.process.isAlive()) {
        agent.close();
        throw new IllegalStateException(kind + "'s agent did not start: " + command);
      }
      Thread.sleep(100);
    }
    return agent;
  }

  /** Returns once the source accepts connections on 127.0.0.1:port (it may bind after start). */
  void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IllegalStateException("the agent's source did not listen on port " + port, e);
        }
        Thread.sleep(100);
      }
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Events taken from channel c1 so far, or -1 while the counters do not answer. */
  long takes() {
    return channelCounter(TAKES);
  }

  /**
   * A counter of channel c1 by name (FlumeLab's file channel: {@code LogCommitCount},
   * {@code LogFsyncCount}), or -1 when the channel has none or the counters do not answer.
   */
  long channelCounter(String name) {
    return channelCounter(Pattern.compile("\"CHANNEL\\.c1\":\\{[^}]*\"" + Pattern.quote(name)
        + "\":\"(\\d+)\""));
  }

  private long channelCounter(Pattern counter) {
    try {
      Matcher m = counter.matcher(http.send(metrics, HttpResponse.BodyHandlers.ofString()).body());
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  Duration cpu() {
    return cpuOf(process.toHandle());
  }

  /**
   * The most resident memory the JVM has had so far (Linux's {@code VmHWM}), in MiB: heap the
   * collector touched, metaspace, code, thread stacks, direct buffers and mapped files alike.
   * Both agents run with the same heap options, so this is what each costs the machine.
   */
  double peakRssMiB() throws IOException {
    Matcher m = PEAK_RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(
        process.pid()), "status")));
    return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
  }

  /**
   * Heap in use after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}), in MiB:
   * what the agent keeps alive, independent of how far the collector let the heap grow.
   */
  double liveHeapMiB() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
        .toString(), String.valueOf(process.pid()), command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    jcmd.waitFor();
    return out;
  }

  /**
   * The JVM's CPU time spent in the kernel so far (Linux's {@code stime} in
   * {@code /proc/<pid>/stat}): system calls such as writes and fsyncs, and the network. The rest
   * of {@link #cpu()} is user time.
   */
  Duration systemCpu() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      // the fields after the command name, which is in parentheses and may hold spaces
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[12]); // stime, field 15 of the whole line
      return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS);
    } catch (IOException | RuntimeException e) {
      return Duration.ZERO;
    }
  }

  /** Linux's USER_HZ, the unit of {@code /proc/<pid>/stat}'s times: 100 on every common build. */
  private static final long CLOCK_TICKS = 100;

  static Duration cpuOf(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
