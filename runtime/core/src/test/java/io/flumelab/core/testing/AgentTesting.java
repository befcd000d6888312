package io.flumelab.core.testing;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.AgentConfigurations.Options;
import io.flumelab.core.config.Problem;
import java.util.List;
import java.util.Map;

/** What the tests of whole configurations share: the real registry and the checker's report. */
public final class AgentTesting {

  /**
   * The real registry, with no environment variables or system properties and no probing of this
   * machine's ports and directories, so that a test's config means the same on every machine.
   */
  public static final Options REAL = Options.defaults().withEnv(Map.of())
      .withSystemProperties(Map.of()).withResourceChecks(false);

  private AgentTesting() {}

  /** Every rendered problem and warning for agent a1 of {@code text}, read as {@code file}. */
  public static List<String> problems(String file, String text) {
    return AgentConfigurations.check(file, text, "a1", REAL).problems().stream()
        .map(Problem::render).toList();
  }
}
