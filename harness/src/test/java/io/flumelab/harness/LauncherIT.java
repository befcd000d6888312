package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents of the tests are started by bin/flume-ng, the launcher students use: what it takes
 * from a conf directory and from plugin directories reaches the agent, and its other commands work.
 */
@ExtendWith(AgentExtension.class)
class LauncherIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir
  Path dir;

  @Test
  void aConfDirectorysLog4j2XmlShapesTheAgentsLog(Agents agents) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("log4j2.xml"), """
        <Configuration status="warn">
          <Appenders>
            <Console name="out" target="SYSTEM_OUT"><PatternLayout pattern="CONFLOG %m%n"/></Console>
          </Appenders>
          <Loggers><Root level="info"><AppenderRef ref="out"/></Root></Loggers>
        </Configuration>
        """);
    int port = TestJobs.freePort();

    AgentProcess agent = agents.startWithConf("a1", conf, TestJobs.netcatToLogger(dir, port), List.of())
        .awaitListening("127.0.0.1", port);

    assertThat(agent.output()).as("the agent's log lines, laid out by %s", conf.resolve("log4j2.xml"))
        .anyMatch(line -> line.startsWith("CONFLOG Agent a1 started"));
  }

  @Test
  void aPluginDirectorysJarsLoadInTheirOwnLoaderAndItsNativeDirIsOnTheLibraryPath(Agents agents)
      throws IOException {
    Path plugins = dir.resolve("plugins.d");
    Path plugin = Files.createDirectories(plugins.resolve("shout").resolve("lib"));
    Files.createDirectories(plugins.resolve("shout").resolve("native"));
    jar(plugin.resolve("shout.jar"), "demo.ShoutInterceptor", """
        package demo;
        import io.flumelab.api.*;
        import java.util.List;
        public class ShoutInterceptor implements Interceptor {
          public void initialize() {}
          public Event intercept(Event e) {
            e.setBody(new String(e.getBody()).toUpperCase().getBytes());
            return e;
          }
          public List<Event> intercept(List<Event> events) {
            events.forEach(this::intercept);
            return events;
          }
          public void close() {}
          public static class Builder implements Interceptor.Builder {
            public void configure(Context context) {}
            public Interceptor build() { return new ShoutInterceptor(); }
          }
        }
        """);
    int port = TestJobs.freePort();
    Path job = TestJobs.write(dir.resolve("job.conf"), "a1", "netcat", Map.of("bind", "127.0.0.1",
        "port", port, "interceptors", "i1", "interceptors.i1.type", "demo.ShoutInterceptor$Builder"),
        "logger", Map.of());

    AgentProcess agent = agents.start("a1", job, "--plugins-path", plugins.toString())
        .awaitListening("127.0.0.1", port);
    try (LineClient nc = LineClient.connect("127.0.0.1", port)) {
      nc.send("hello");
      assertThat(nc.readLine(WAIT)).isEqualTo("OK");
    }

    agent.awaitLine(LoggerSinkOutput.eventLine("HELLO"), WAIT);
    // the JVM's own command line, NUL-separated (bin/flume-ng execs java in its own process)
    List<String> jvmArgs = List.of(Files.readString(Path.of("/proc", String.valueOf(agent.pid()),
        "cmdline"), StandardCharsets.UTF_8).split("\0"));
    assertThat(jvmArgs).contains(
        "-Djava.library.path=" + plugins.resolve("shout").resolve("native"),
        "-Dflumelab.plugins.path=" + plugins);
    String classpath = jvmArgs.get(jvmArgs.indexOf("-cp") + 1);
    assertThat(classpath).as("the agent's class path").doesNotContain(plugins.toString());
  }

  @Test
  void theStatusFileFollowsTheAgentsLife(Agents agents) throws IOException {
    int port = TestJobs.freePort();
    AgentProcess agent = agents.start("a1", TestJobs.netcatToLogger(dir, port));

    assertThat(agent.state()).isEqualTo("started");
    assertThat(agent.stop()).isZero();
    assertThat(agent.state()).isEqualTo("stopped");
  }

  @Test
  void versionNamesFlumeLab() {
    FlumeNgCli.Result version = FlumeNgCli.run("version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.output()).contains("FlumeLab");
  }

  @Test
  void avroClientSendsEachLineOfAFile(Agents agents) throws IOException {
    int port = TestJobs.freePort();
    Path job = TestJobs.write(dir.resolve("avro.conf"), "a1", "avro",
        Map.of("bind", "127.0.0.1", "port", port), "logger", Map.of());
    Path log = Files.writeString(dir.resolve("log.10"), "first line\nsecond line\n");
    AgentProcess agent = agents.start("a1", job).awaitListening("127.0.0.1", port);

    FlumeNgCli.Result sent = FlumeNgCli.run("avro-client", "-H", "127.0.0.1", "-p", String.valueOf(port),
        "-F", log.toString());

    assertThat(sent.exitCode()).as(sent.output()).isZero();
    assertThat(sent.output()).contains("sent 2 events");
    agent.awaitLine(LoggerSinkOutput.eventLine("first line"), WAIT);
    agent.awaitLine(LoggerSinkOutput.eventLine("second line"), WAIT);
  }

  @Test
  void avroClientSaysWhyItCouldNotDeliver() throws IOException {
    Path log = Files.writeString(dir.resolve("log"), "x\n");

    FlumeNgCli.Result sent = FlumeNgCli.run("avro-client", "-H", "127.0.0.1", "-p",
        String.valueOf(TestJobs.freePort()), "-F", log.toString());

    assertThat(sent.exitCode()).isEqualTo(2);
    assertThat(sent.output()).contains("Cannot send to the avro source at 127.0.0.1:");
  }

  @Test
  void anUnknownLogLevelIsOneClearLine() {
    FlumeNgCli.Result run = FlumeNgCli.run("agent", "-n", "a1", "-f",
        TestJobs.netcatToLogger(dir, TestJobs.freePort()).toString(),
        "-Dflume.root.logger=LOUD,console");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output().strip().lines()).as(run.output()).containsExactly(
        "flume-ng: unknown log level 'LOUD' in -Dflume.root.logger=LOUD,console; use one of "
            + "TRACE, DEBUG, INFO, WARN, ERROR, OFF");
  }

  @Test
  void devZeroAsTheConfigurationIsOneClearLineNotAnOutOfMemoryError() {
    FlumeNgCli.Result run = FlumeNgCli.run("agent", "-n", "a1", "-f", "/dev/zero");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output().strip().lines()).as(run.output()).containsExactly(
        "flume-ng: /dev/zero: is not a regular file (a device, pipe or socket). Write the"
            + " configuration to a file and give that with -f.");
  }

  @Test
  void aFifoAsTheConfigurationIsOneClearLineForAgentAndCheck() throws Exception {
    Path fifo = dir.resolve("conf.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    FlumeNgCli.Result agent = FlumeNgCli.run("agent", "-n", "a1", "-f", fifo.toString());
    FlumeNgCli.Result check = FlumeNgCli.run("check", "-f", fifo.toString());

    assertThat(agent.exitCode()).as(agent.output()).isEqualTo(1);
    assertThat(agent.output().strip().lines()).as(agent.output()).containsExactly("flume-ng: "
        + fifo + ": is not a regular file (a device, pipe or socket). Write the configuration to"
        + " a file and give that with -f.");
    assertThat(check.exitCode()).as(check.output()).isEqualTo(1);
    assertThat(check.output().strip()).startsWith(fifo + ": is not a regular file");
  }

  @Test
  void anAgentWhoseBindAddressIsNotOnThisMachineStopsAtOnce() {
    // 192.0.2.1 is TEST-NET-1: never an address of this machine
    Path job = TestJobs.write(dir.resolve("elsewhere.conf"), "a1", "netcat",
        Map.of("bind", "192.0.2.1", "port", TestJobs.freePort()), "logger", Map.of());

    FlumeNgCli.Result run = FlumeNgCli.run("agent", "-n", "a1", "-f", job.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).containsPattern(Pattern.quote(job.toString())
        + ":\\d+: a1\\.sources\\.r1\\.bind: 192\\.0\\.2\\.1 is not an address of this machine,"
        + " so source 'r1' could never listen on it\\.").doesNotContain("\tat ");
  }

  /** Compiles one class against the test's classpath and puts it in a jar of its own. */
  private void jar(Path jar, String className, String source) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path file = src.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
    Files.writeString(file, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", classes.toString(), "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        file.toString());
    assertThat(status).as("javac of %s", className).isZero();
    String entry = className.replace('.', '/') + ".class";
    String builder = className.replace('.', '/') + "$Builder.class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String name : List.of(entry, builder)) {
        out.putNextEntry(new JarEntry(name));
        Files.copy(classes.resolve(name), (OutputStream) out);
        out.closeEntry();
      }
    }
  }



}
