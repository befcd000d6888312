package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first test of most labs: {@code flume-ng check} accepts a job without a warning. Only its
 * exit code and whether it warned are judged, never its wording or the names it prints: what the
 * job declares is judged through the {@link Job} this returns.
 */
public final class JobCheck {

  private JobCheck() {}

  /**
   * Asserts that {@code flume-ng check -f job -n agent} passes and prints no warning; returns the
   * agent as {@link Job} reads it. {@code defines} are {@code NAME=value} for the job's
   * {@code ${NAME}} references.
   */
  public static Job assertClean(Path job, String agent, List<String> defines) {
    List<String> args = new ArrayList<>(List.of("check", "-f", job.toString(), "-n", agent));
    defines.forEach(define -> args.add("-D" + define));
    FlumeNgCli.Result check = FlumeNgCli.run(args.toArray(String[]::new));
    assertThat(check.exitCode())
        .as("bin/flume-ng check -f %s -n %s found problems:%n%s", job, agent, check.output())
        .isZero();
    Job read = Job.read(job, agent, variables(defines));
    assertThat(read.warnings()).as("flume-ng check printed warnings for %s; each says what to "
        + "change", job.getFileName()).isEmpty();
    return read;
  }

  private static Map<String, String> variables(List<String> defines) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String define : defines) {
      int equals = define.indexOf('=');
      variables.put(define.substring(0, equals), define.substring(equals + 1));
    }
    return variables;
  }
}
