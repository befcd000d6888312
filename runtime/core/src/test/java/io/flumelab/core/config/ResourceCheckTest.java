package io.flumelab.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.core.config.AgentConfigurations.Options;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 7 of issue 9: {@code check} said OK to a port in use, a bind address of another machine,
 * a missing spooling directory and a taken monitoring port, and the agent then retried forever.
 * Ports are ephemeral ones held by the test, so nothing else on the machine can interfere.
 */
class ResourceCheckTest {

  private static final Options PROBING = ConfigTesting.STRICT.withResourceChecks(true);

  @TempDir
  Path dir;

  private static String netcat(String bind, int port) {
    return MalformedConfigTest.lab01().replace("bind = localhost", "bind = " + bind)
        .replace("port = 44444", "port = " + port);
  }

  private static List<String> check(String text, Options options) {
    return AgentConfigurations.check("jobs/x.conf", text, "a1", options).problems().stream()
        .map(Problem::render).toList();
  }

  private static ServerSocket holdPort() throws IOException {
    ServerSocket held = new ServerSocket();
    held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return held;
  }

  @Test
  void aPortInUseIsAnErrorOfCheckAtThePortLine() throws IOException {
    try (ServerSocket held = holdPort()) {
      int port = held.getLocalPort();

      assertThat(check(netcat("127.0.0.1", port), PROBING)).containsExactly(
          "jobs/x.conf:6: a1.sources.r1.port: 127.0.0.1:" + port + " is in use, so source 'r1'"
              + " cannot listen there. Stop what listens there (ss -ltnp 'sport = :" + port
              + "' shows it) or choose another port.");
    }
  }

  @Test
  void aPortInUseAtStartIsAWarningThatTheSourceKeepsTrying() throws IOException {
    try (ServerSocket held = holdPort()) {
      Topology topology = AgentConfigurations.load("jobs/x.conf",
          netcat("127.0.0.1", held.getLocalPort()), "a1", PROBING);

      assertThat(topology.warnings()).singleElement().asString()
          .contains("is in use, so source 'r1' cannot listen there now; the agent starts anyway"
              + " and the source keeps trying to listen until the port is free");
    }
  }

  /** A port free a moment ago: nothing else binds ephemeral ports on purpose. */
  private static int freePort() throws IOException {
    try (ServerSocket probe = holdPort()) {
      return probe.getLocalPort();
    }
  }

  @Test
  void aFreePortPasses() throws IOException {
    assertThat(check(netcat("127.0.0.1", freePort()), PROBING)).isEmpty();
    assertThat(check(netcat("0.0.0.0", freePort()), PROBING)).isEmpty();
  }

  @Test
  void aBindAddressOfAnotherMachineIsAnErrorOfCheckAndStopsTheAgentAtOnce() {
    // 192.0.2.0/24 is TEST-NET-1: documentation only, never a machine's address
    String text = netcat("192.0.2.1", 44444);

    assertThat(check(text, PROBING)).singleElement().asString().startsWith(
        "jobs/x.conf:5: a1.sources.r1.bind: 192.0.2.1 is not an address of this machine, so"
            + " source 'r1' could never listen on it. Use one of this machine's addresses (127.0.0.1")
        .endsWith(", localhost, or 0.0.0.0 for all of them.");
    assertThatThrownBy(() -> AgentConfigurations.load("jobs/x.conf", text, "a1", PROBING))
        .isInstanceOf(InvalidConfigFileException.class)
        .hasMessageContaining("192.0.2.1 is not an address of this machine");
  }

  @Test
  void anUnknownBindHostNameSaysWhereToMapIt() throws IOException {
    assertThat(check(netcat("hadoop109.invalid", freePort()), PROBING)).singleElement()
        .asString()
        .startsWith("jobs/x.conf:5: a1.sources.r1.bind: the host name hadoop109.invalid is unknown"
            + " on this machine. Map it to an address of this machine in /etc/hosts or in a file"
            + " named hosts in the -c conf directory")
        .contains(", localhost, or 0.0.0.0 for all of them.");
  }

  @Test
  void aSpoolDirectoryThatIsMissingIsAnErrorOfCheckAndAWarningAtStart() {
    Path missing = dir.resolve("spool");
    String text = spooldir(missing);

    assertThat(check(text, PROBING)).containsExactly("jobs/x.conf:5: a1.sources.r1.spoolDir: the"
        + " directory " + missing + " does not exist. Create it (mkdir -p " + missing + ") or fix"
        + " the path.");
    assertThat(AgentConfigurations.load("jobs/x.conf", text, "a1", PROBING).warnings())
        .singleElement().asString().contains("does not exist; the source keeps trying to start");
  }

  @Test
  void aSpoolDirectoryThatIsARegularFileSaysSo() throws IOException {
    Path file = Files.writeString(dir.resolve("app.log"), "a line\n");

    assertThat(check(spooldir(file), PROBING)).containsExactly("jobs/x.conf:5:"
        + " a1.sources.r1.spoolDir: " + file + " is a file, not a directory. Give spoolDir the"
        + " directory the files are put in, such as " + dir + ".");
  }

  @Test
  void aSpoolDirectoryThatExistsPasses() throws IOException {
    assertThat(check(spooldir(Files.createDirectory(dir.resolve("spool"))), PROBING)).isEmpty();
  }

  @Test
  void aTakenMonitoringPortIsAnErrorOfCheck() throws IOException {
    try (ServerSocket held = new ServerSocket(0)) {
      int port = held.getLocalPort();
      Options monitored = PROBING.withSystemProperties(Map.of("flume.monitoring.type", "http",
          "flume.monitoring.port", String.valueOf(port)));

      assertThat(check(netcat("localhost", freePort()), monitored)).containsExactly(
          "jobs/x.conf: flume.monitoring.port: the HTTP monitoring port " + port + " is in use."
              + " Stop what listens there or choose another port with"
              + " -Dflume.monitoring.port=<port>.");
    }
  }

  @Test
  void aMonitoringPortThatIsASourcesPortIsAnError() {
    Options monitored = PROBING.withSystemProperties(Map.of("flume.monitoring.type", "http",
        "flume.monitoring.port", "44444"));

    assertThat(check(MalformedConfigTest.lab01(), monitored)).contains(
        "jobs/x.conf:6: a1.sources.r1.port: the HTTP monitoring port"
            + " (-Dflume.monitoring.port=44444) is this source's port too. Give the source or the"
            + " monitoring (-Dflume.monitoring.port=<port>) another port.");
  }

  private static String spooldir(Path spoolDir) {
    return """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = spooldir
        a1.sources.r1.spoolDir = DIR
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        """.replace("DIR", spoolDir.toString());
  }
}
