package io.flumelab.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own tools, run on a scrape: the official Python client's parser (Debian's
 * {@code python3-prometheus-client}, {@code prometheus_client.parser}) reads the text as a
 * Prometheus client does, and {@code promtool check metrics} (Debian's {@code prometheus}) lints
 * names and conventions. Both are run as processes; {@code .ci/run} installs them.
 */
final class PrometheusTools {

  /** Debian's interpreter, whose dist-packages hold the client (a pyenv python on PATH would not). */
  private static final String PYTHON = "/usr/bin/python3";
  private static final String PARSE = String.join("\n",
      "import sys",
      "from prometheus_client.parser import text_string_to_metric_families",
      "for family in text_string_to_metric_families(sys.stdin.read()):",
      "    print('F', family.name, family.type, family.documentation, sep='\\t')",
      "    for sample in family.samples:",
      "        labels = ['%s=%s' % item for item in sorted(sample.labels.items())]",
      "        print('S', family.name, sample.name, repr(float(sample.value)), *labels, sep='\\t')",
      "");

  private PrometheusTools() {}

  /** One sample as the parser read it. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /**
   * One metric family as the parser read it. Its name is the client's: a counter's without
   * {@code _total}, which its samples keep; {@code untyped} is {@code unknown}.
   */
  record Family(String name, String type, String help, List<Sample> samples) {}

  /** What promtool said, and its exit status (0: no problem). */
  record Lint(int status, String output) {}

  /** The families of a scrape, by the parser's name; fails the test when the parser refuses it. */
  static Map<String, Family> parse(String scrape) {
    Run run = run(List.of(PYTHON, "-c", PARSE), scrape,
        "Debian's python3-prometheus-client (apt-get install python3-prometheus-client)");
    if (run.status() != 0) {
      throw new AssertionError("prometheus_client's parser refused the scrape (exit "
          + run.status() + "):\n" + run.output() + "\n--- the scrape:\n" + scrape);
    }
    Map<String, Family> families = new LinkedHashMap<>();
    for (String line : run.output().split("\n")) {
      String[] fields = line.split("\t", -1);
      if (fields[0].equals("F")) {
        families.put(fields[1], new Family(fields[1], fields[2], fields[3], new ArrayList<>()));
      } else if (fields[0].equals("S")) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 4; i < fields.length; i++) {
          String[] label = fields[i].split("=", 2);
          labels.put(label[0], label[1]);
        }
        families.get(fields[1]).samples()
            .add(new Sample(fields[2], labels, number(fields[3])));
      }
    }
    return families;
  }

  /** Python's repr of a float: {@code nan} and {@code inf} are spelled its way. */
  private static double number(String repr) {
    return switch (repr) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(repr);
    };
  }

  /** {@code promtool check metrics} on a scrape. */
  static Lint lint(String scrape) {
    Run run = run(List.of("promtool", "check", "metrics"), scrape,
        "Debian's prometheus (apt-get install prometheus), for promtool");
    return new Lint(run.status(), run.output());
  }

  private record Run(int status, String output) {}

  private static Run run(List<String> command, String input, String needs) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(command.get(0) + " cannot run (" + e.getMessage() + "): install "
          + needs, e);
    }
    try {
      try (OutputStream in = process.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError(String.join(" ", command) + " did not finish in 30 s");
      }
      if (output.contains("ModuleNotFoundError")) {
        throw new AssertionError(PYTHON + " has no prometheus_client: install " + needs);
      }
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      throw new AssertionError(String.join(" ", command) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command.get(0), e);
    } finally {
      process.destroyForcibly();
    }
  }
}
