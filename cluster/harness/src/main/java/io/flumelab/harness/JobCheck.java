package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The first test of most labs: {@code flume-ng check} accepts a job as the task asks. */
public final class JobCheck {

  private JobCheck() {}

  /**
   * Asserts that {@code flume-ng check -f job -n agent} passes, prints no warning, and names the
   * components ({@code "r1 exec"}); {@code defines} are {@code NAME=value} for the job's
   * {@code ${NAME}} references.
   */
  public static void assertClean(Path job, String agent, List<String> defines,
      String... components) {
    List<String> args = new ArrayList<>(List.of("check", "-f", job.toString(), "-n", agent));
    defines.forEach(define -> args.add("-D" + define));
    FlumeNg.Result check = FlumeNg.run(args.toArray(String[]::new));
    assertThat(check.exitCode())
        .as("bin/flume-ng check -f %s -n %s found problems:%n%s", job, agent, check.output())
        .isZero();
    assertThat(check.output()).as("%s's components", agent).contains(components);
    assertThat(check.output()).as("flume-ng check printed warnings for %s; each says what to "
        + "change", job.getFileName()).doesNotContain("warning:");
  }
}
