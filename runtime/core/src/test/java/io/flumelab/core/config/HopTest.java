package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.WITH_AVRO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Defect 6 of issue 9: an avro sink pointed at its own agent's avro source looped 10 events 1.38
 * million times in 6 s, and {@code check} said OK. Also two sources on one port.
 */
class HopTest {

  /** An avro source on {@code bind}:4545 into c1, drained by an avro sink to {@code host}:{@code port}. */
  static String relay(String agent, String bind, String host, int port) {
    return """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = avro
        a1.sources.r1.bind = BIND
        a1.sources.r1.port = 4545
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = avro
        a1.sinks.k1.hostname = HOST
        a1.sinks.k1.port = PORT
        a1.sinks.k1.channel = c1
        """.replace("a1.", agent + ".").replace("BIND", bind).replace("HOST", host)
        .replace("PORT", String.valueOf(port));
  }

  private static java.util.List<String> problems(String text) {
    return ConfigTesting.problems(text, WITH_AVRO);
  }

  @ParameterizedTest(name = "source bound to {0}, sink sending to {1}")
  @CsvSource({
      "localhost, localhost", "localhost, 127.0.0.1", "127.0.0.1, localhost",
      "0.0.0.0, localhost", "0.0.0.0, 127.0.0.1", "0.0.0.0, 127.0.1.1", "0.0.0.0, 0.0.0.0",
      "hadoop102, hadoop102"})
  void aSinkSendingToItsOwnAgentsSourceIsRefusedAtItsHostnameLine(String bind, String host) {
    assertThat(problems(relay("a1", bind, host, 4545))).containsExactly(
        "jobs/x.conf:10: a1.sinks.k1.hostname: sink 'k1' sends to " + host + ":4545, where source"
            + " 'r1' of this same agent listens (line 6): every event it delivers comes back into"
            + " channel c1 and is sent again, forever. Point a1.sinks.k1.hostname and"
            + " a1.sinks.k1.port at the next agent's avro source (another host or port).");
  }

  @Test
  void aSinkSendingToThisMachinesOwnNameIsRefusedWhenTheSourceListensEverywhere()
      throws Exception {
    String self = java.net.InetAddress.getLocalHost().getHostName();

    assertThat(problems(relay("a1", "0.0.0.0", self, 4545))).singleElement().asString()
        .startsWith("jobs/x.conf:10: a1.sinks.k1.hostname: sink 'k1' sends to " + self + ":4545");
  }

  @ParameterizedTest(name = "source bound to {0}, sink sending to {1}:{2}")
  @CsvSource({"localhost, localhost, 4546", "0.0.0.0, hadoop103, 4545",
      "127.0.0.1, 127.0.0.2, 4545", "192.0.2.1, localhost, 4545"})
  void aSinkSendingElsewhereIsFine(String bind, String host, int port) {
    assertThat(problems(relay("a1", bind, host, port))).isEmpty();
  }

  @Test
  void theAgentRefusesToStartWithASinkToItsOwnSource() {
    assertThatThrownBy(() -> AgentConfigurations.load("jobs/x.conf",
        relay("a1", "localhost", "localhost", 4545), "a1", WITH_AVRO))
        .isInstanceOf(InvalidConfigFileException.class)
        .hasMessageContaining("a1.sinks.k1.hostname: sink 'k1' sends to localhost:4545");
  }

  @Test
  void twoAgentsOfOneFileSendingToEachOtherAreACycle() {
    String file = relay("a1", "0.0.0.0", "hadoop103", 4545)
        + relay("a2", "0.0.0.0", "hadoop102", 4545);

    assertThat(problems(file)).containsExactly(
        "jobs/x.conf:10: warning: a1.sinks.k1.hostname: the agents of this file form a cycle:"
            + " a1 sink k1 → a2 source r1 → a2 sink k1 → a1 source r1; events sent round it would"
            + " loop forever if the agents run where these hosts point. Make sure one agent of"
            + " the cycle sends elsewhere (check hostname and port).");
  }

  @Test
  void aChainOfAgentsIsNoCycle() {
    String file = relay("a1", "0.0.0.0", "hadoop103", 4545)
        + relay("a2", "0.0.0.0", "hadoop104", 4646);

    assertThat(problems(file)).isEmpty();
  }

  @Test
  void twoSourcesOfOneAgentOnOnePortAreAnError() {
    assertThat(ConfigTesting.problems(MalformedConfigTest.lab01()
        .replace("a1.sources = r1", "a1.sources = r1 r2") + """
        a1.sources.r2.type = netcat
        a1.sources.r2.bind = 127.0.0.1
        a1.sources.r2.port = 44444
        a1.sources.r2.channels = c1
        """)).containsExactly(
        "jobs/x.conf:15: a1.sources.r2.port: source 'r2' listens on 127.0.0.1:44444, as source"
            + " 'r1' does (line 6): only one of them could bind the port. Give r2 a port of its own.");
  }

  @Test
  void aTcpAndAUdpSourceMayShareAPortNumber() {
    assertThat(ConfigTesting.problems(MalformedConfigTest.lab01()
        .replace("a1.sources = r1", "a1.sources = r1 r2") + """
        a1.sources.r2.type = netcatudp
        a1.sources.r2.bind = localhost
        a1.sources.r2.port = 44444
        a1.sources.r2.channels = c1
        """)).isEmpty();
  }

  @Test
  void twoAgentsOfOneFileOnOneLoopbackPortGetAWarning() {
    String file = MalformedConfigTest.lab01() + MalformedConfigTest.lab01().replace("a1.", "a2.");

    assertThat(ConfigTesting.problems(file)).containsExactly(
        "jobs/x.conf:6: warning: a1.sources.r1.port: source 'r1' listens on localhost:44444, as"
            + " agent a2's source 'r1' does (line 18): on one machine the second agent could not"
            + " listen. Give each agent's source a port of its own.");
  }
}
