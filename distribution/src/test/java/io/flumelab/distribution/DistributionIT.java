package io.flumelab.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flumelab-VERSION-bin.tar.gz does what its README promises on a machine with nothing but a Java
 * runtime: unpacked into an empty directory and run with an environment holding only {@code PATH}
 * (a directory with this JVM's {@code java} and the few shell tools the scripts use) and an empty
 * {@code HOME} (no Maven repository, no checkout, no FLUMELAB_* variable), its {@code bin/flume-ng}
 * prints the version and runs the sample job, which prints lines sent over TCP and stops on
 * SIGTERM. It prints the archive's size and how long the agent took to accept connections.
 */
class DistributionIT {

  private static final Path ARCHIVE = Path.of(System.getProperty("distribution.archive"));
  private static final String VERSION = System.getProperty("distribution.version");
  /** What the scripts run besides java; a command added to them must be added here too. */
  private static final List<String> SHELL_TOOLS = List.of("bash", "dirname");

  @TempDir
  static Path work;
  private static Path home;
  private static Map<String, String> cleanEnvironment;

  @BeforeAll
  static void unpackIntoAnEmptyDirectory() throws Exception {
    Path target = Files.createDirectory(work.resolve("unpacked"));
    Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", target.toString())
        .redirectErrorStream(true).start();
    assertThat(tar.waitFor(2, TimeUnit.MINUTES)).as("tar finished").isTrue();
    assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
    try (Stream<Path> top = Files.list(target)) {
      assertThat(top.map(p -> p.getFileName().toString()))
          .as("the archive unpacks into one directory")
          .containsExactly("flumelab-" + VERSION);
    }
    home = target.resolve("flumelab-" + VERSION);
    System.out.printf("distribution: %s is %.1f MB (%d bytes)%n", ARCHIVE.getFileName(),
        Files.size(ARCHIVE) / 1e6, Files.size(ARCHIVE));

    Path tools = Files.createDirectory(work.resolve("path"));
    Files.createSymbolicLink(tools.resolve("java"),
        Path.of(System.getProperty("java.home"), "bin", "java"));
    for (String tool : SHELL_TOOLS) {
      Files.createSymbolicLink(tools.resolve(tool), systemCommand(tool));
    }
    cleanEnvironment = Map.of(
        "PATH", tools.toString(),
        "HOME", Files.createDirectory(work.resolve("home")).toString());
    System.out.println("distribution: run with Java " + Runtime.version() + " and only "
        + cleanEnvironment);
  }

  @Test
  void theLayoutHoldsWhatTheReadmeNames() throws IOException {
    for (String script : List.of("flume-ng", "flumelab", "kafka-topics.sh",
        "kafka-console-producer.sh", "kafka-console-consumer.sh", "kafka-consumer-groups.sh",
        "kafka-configs.sh", "kafka-get-offsets.sh")) {
      assertThat(home.resolve("bin").resolve(script)).as(script).isExecutable();
    }
    for (String file : List.of("conf/flume-env.sh", "conf/log4j2.xml", "conf/example.conf",
        "conf/tools-log4j2.xml", "config/consumer.properties", "docs/components.md", "README.md",
        "LICENSE", "NOTICE", "licenses/Apache-2.0.txt", "licenses/THIRD-PARTY.txt",
        "lib/flumelab-launcher-" + VERSION + ".jar",
        "lib/compat/flume/flumelab-flume-compat-" + VERSION + ".jar")) {
      assertThat(home.resolve(file)).as(file).isRegularFile();
    }
    try (Stream<Path> plugins = Files.list(home.resolve("plugins.d"))) {
      assertThat(plugins.map(p -> p.getFileName().toString())).containsExactly("README.md");
    }
  }

  /** A jar added to the runtime fails here until licenses/THIRD-PARTY.txt names it. */
  @Test
  void thirdPartyListNamesEveryBundledJarAndNoOther() throws IOException {
    Set<String> bundled = new TreeSet<>();
    try (Stream<Path> files = Files.walk(home.resolve("lib"))) {
      files.filter(f -> f.toString().endsWith(".jar"))
          .filter(f -> !f.getFileName().toString().startsWith("flumelab-"))
          .forEach(f -> bundled.add(home.relativize(f).toString()));
    }
    Set<String> listed = new TreeSet<>();
    String directory = "";
    for (String line : Files.readAllLines(home.resolve("licenses/THIRD-PARTY.txt"))) {
      if (line.matches("lib[^ ]*/")) {
        directory = line;
      } else if (line.matches("  [^ ]+\\.jar .*")) {
        listed.add(directory + line.trim().split(" +")[0]);
      }
    }
    assertThat(listed)
        .as("licenses/THIRD-PARTY.txt (distribution/src/dist): add a line per missing jar with its"
            + " coordinates and licence from its POM, remove the lines of jars no longer bundled")
        .isEqualTo(bundled);
  }

  /** A jar's version and extension, as in zstd-jni-1.5.6-10.jar. */
  private static final Pattern VERSION_SUFFIX = Pattern.compile("-\\d[^-]*(-\\d+)?\\.jar$");

  /**
   * Kafka's tools read lib/kafka/* and lib/*: each library must come once, in one version, so
   * lib/kafka holds only what lib/ lacks (the archive carries no jar twice).
   */
  @Test
  void kafkaToolsClassPathHoldsEachLibraryOnce() throws IOException {
    Map<String, List<String>> versions = new TreeMap<>();
    for (Path directory : List.of(home.resolve("lib"), home.resolve("lib/kafka"))) {
      try (Stream<Path> jars = Files.list(directory)) {
        jars.map(j -> j.getFileName().toString()).filter(j -> j.endsWith(".jar"))
            .forEach(jar -> versions.computeIfAbsent(VERSION_SUFFIX.matcher(jar).replaceFirst(""),
                a -> new ArrayList<>()).add(home.relativize(directory.resolve(jar)).toString()));
      }
    }
    versions.values().removeIf(jars -> jars.size() == 1);
    assertThat(versions).as("libraries in both lib/ and lib/kafka/: add their artifact ids to"
        + " excludeArtifactIds of kafka-lib in distribution/pom.xml (lib/ has them); where the"
        + " versions differ, align them in the root POM").isEmpty();
  }

  @Test
  void versionPrintsTheVersion() throws Exception {
    Result version = run(List.of("bin/flume-ng", "version"));
    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).contains("FlumeLab " + VERSION);
  }

  @Test
  void checkAcceptsTheSampleJob() throws Exception {
    Result check = run(List.of("bin/flume-ng", "check", "-f", "conf/example.conf", "-n", "a1"));
    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  @Test
  void kafkaToolsRunFromLibKafka() throws Exception {
    Result topics = run(List.of("bin/kafka-topics.sh", "--version"));
    assertThat(topics.exitCode()).as(topics.output()).isZero();
    assertThat(topics.output()).contains(System.getProperty("distribution.kafka.version"));
  }

  @Test
  void flumelabSaysItNeedsACheckout() throws Exception {
    Result up = run(List.of("bin/flumelab", "up"));
    assertThat(up.exitCode()).isEqualTo(2);
    assertThat(up.output()).contains("needs a checkout of FlumeLab");
  }

  @Test
  void theSampleJobPrintsLinesSentOverTcpAndStopsOnSigterm() throws Exception {
    int port = freePort();
    Path job = home.resolve("conf/example.conf");
    String sample = Files.readString(job);
    assertThat(sample).contains("a1.sources.r1.port = 44444");
    Files.writeString(job, sample.replace("a1.sources.r1.port = 44444",
        "a1.sources.r1.port = " + port));

    Path log = work.resolve("agent.log");
    ProcessBuilder builder = new ProcessBuilder("bin/flume-ng", "agent", "-c", "conf", "-n", "a1",
        "-f", "conf/example.conf")
        .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(cleanEnvironment);
    long launched = System.nanoTime();
    Process agent = builder.start();
    try {
      await("the agent accepting connections on port " + port)
          .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
          .failFast("the agent exited", () -> !agent.isAlive())
          .until(() -> accepts(port));
      System.out.printf("distribution: agent accepted connections %d ms after launch%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched));

      List<String> lines = List.of("dist-line-1", "dist-line-2", "dist-line-3");
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader acks = new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        for (String line : lines) {
          assertThat(acks.readLine()).as("the answer to " + line).isEqualTo("OK");
        }
      }
      // the logger sink's line: Event: { headers:{} body: 64 69 ... 31 dist-line-1 }
      await("the logger sink printing every line").atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(Files.readAllLines(log).stream()
                  .filter(printed -> printed.contains("Event: { headers:{} body: "))
                  .map(printed -> printed.substring(printed.lastIndexOf("  ") + 2)))
              .containsExactlyElementsOf(lines.stream().map(line -> line + " }").toList()));

      agent.destroy(); // SIGTERM
      assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
      assertThat(agent.exitValue()).as("exit code after a stop that lost nothing; log:%n%s",
          Files.readString(log)).isZero();
    } finally {
      agent.destroyForcibly();
    }
  }

  private record Result(int exitCode, String output) {}

  /** Runs a command of the distribution from its directory, with the clean environment. */
  private static Result run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(cleanEnvironment);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static Path systemCommand(String name) {
    for (String directory : List.of("/usr/bin", "/bin")) {
      Path command = Path.of(directory, name);
      if (Files.isExecutable(command)) {
        return command;
      }
    }
    throw new IllegalStateException(name + " is in neither /usr/bin nor /bin");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
