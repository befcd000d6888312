package io.flumelab.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.config.AgentConfigurations.Options;
import io.flumelab.core.testing.AgentTesting;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-configuration suite of issue 9: each case of {@code malformed-cases.txt} is
 * written to a real file and checked; the report must name that file, the line (where one
 * applies), the key, what is wrong and a fix, and print no stack trace.
 *
 * <p>A case is {@code === name}, then directives or the file's lines, then
 * {@code --> [warning] LINE KEY} (KEY {@code -} for none), {@code message: ...} (exact) and
 * {@code fix: ...} (how the fix starts). Directives: {@code base: lab01} starts from
 * {@link MalformedConfigTest#lab01()}, {@code replace: old => new}, {@code append: line},
 * {@code options: avro|real|probe}. In values, {@code @TMP@} is a fresh directory,
 * {@code @FILE@} a regular file in it, {@code @BUSY_PORT@} a loopback port the suite holds.
 */
class MalformedConfigSuiteTest {

  private static final String CASES = "/config/malformed-cases.txt";

  @TempDir
  static Path dir;

  private static ServerSocket busy;

  record Case(String name, String text, List<String> options, boolean warning, int line,
      String key, String message, String fix) {

    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void holdAPort() throws IOException {
    busy = new ServerSocket();
    busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterAll
  static void releaseThePort() throws IOException {
    busy.close();
  }

  static Stream<Case> cases() throws IOException {
    String all;
    try (InputStream in = MalformedConfigSuiteTest.class.getResourceAsStream(CASES)) {
      all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> cases = new ArrayList<>();
    for (String block : all.split("\n=== ")) {
      if (block.startsWith("#") || block.isBlank()) {
        continue; // the file's header
      }
      cases.add(parse(block.startsWith("=== ") ? block.substring(4) : block));
    }
    return cases.stream();
  }

  private static Case parse(String block) {
    List<String> lines = block.lines().toList();
    String text = "";
    List<String> options = new ArrayList<>();
    boolean warning = false;
    int line = -1;
    String key = null;
    String message = null;
    String fix = null;
    for (String l : lines.subList(1, lines.size())) {
      if (l.startsWith("base: lab01")) {
        text = MalformedConfigTest.lab01();
      } else if (l.startsWith("replace: ")) {
        String[] parts = l.substring(9).split(" => ", 2);
        assertThat(text).as(lines.get(0)).contains(parts[0]);
        text = text.replace(parts[0], parts[1]);
      } else if (l.startsWith("append: ")) {
        text += l.substring(8) + "\n";
      } else if (l.startsWith("options: ")) {
        options.add(l.substring(9).strip());
      } else if (l.startsWith("--> ")) {
        String[] parts = l.substring(4).split(" ");
        warning = parts[0].equals("warning");
        int at = warning ? 1 : 0;
        line = Integer.parseInt(parts[at]);
        key = parts[at + 1].equals("-") ? null : parts[at + 1];
      } else if (l.startsWith("message: ")) {
        message = l.substring(9);
      } else if (l.startsWith("fix: ")) {
        fix = l.substring(5);
      } else if (!l.isBlank()) {
        text += l + "\n";
      }
    }
    return new Case(lines.get(0).strip(), text, options, warning, line, key, message, fix);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachReportNamesFileLineKeyAndFixWithoutAStackTrace(Case c) throws IOException {
    Path file = dir.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-") + ".conf");
    Files.writeString(file, substitute(c.text()));

    CheckReport report = AgentConfigurations.check(file, "a1", options(c));

    String expected = substitute(c.message());
    Problem problem = report.problems().stream()
        .filter(p -> p.message().equals(expected)).findFirst().orElse(null);
    assertThat(problem).as("a problem '%s' among:%n%s", expected, report.render()).isNotNull();
    assertThat(problem.file()).isEqualTo(file.toString());
    assertThat(problem.line()).as("line").isEqualTo(c.line());
    assertThat(problem.key()).as("key").isEqualTo(c.key());
    assertThat(problem.isError()).as("an error, not a warning").isEqualTo(!c.warning());
    assertThat(problem.fix()).as("fix").isNotBlank().startsWith(substitute(c.fix()));
    assertThat(report.render()).as("what the user sees")
        .doesNotContain("\tat ", "Exception", "Caused by");
  }

  private static Options options(Case c) {
    Options options = ConfigTesting.STRICT;
    for (String option : c.options()) {
      options = switch (option) {
        case "avro" -> ConfigTesting.WITH_AVRO;
        case "real" -> AgentTesting.REAL.withResourceChecks(false);
        case "probe" -> options.withResourceChecks(true);
        default -> throw new IllegalArgumentException("unknown option " + option);
      };
    }
    return options;
  }

  private static String substitute(String value) throws IOException {
    if (value == null) {
      return null;
    }
    Path regular = dir.resolve("a-regular-file.log");
    if (!Files.exists(regular)) {
      Files.writeString(regular, "a line\n");
    }
    return value.replace("@TMP@", dir.toString()).replace("@FILE@", regular.toString())
        .replace("@BUSY_PORT@", String.valueOf(busy.getLocalPort()));
  }
}
