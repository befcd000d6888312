package io.flumelab.core.config;

import io.flumelab.core.config.AgentConfigurations.Options;
import io.flumelab.core.config.fixtures.Fixtures;
import io.flumelab.core.spi.ComponentKind;
import java.util.List;
import java.util.Map;

/** Shared helpers: strict and lenient options with no environment and the fixture registry. */
final class ConfigTesting {

  static final String FILE = "jobs/x.conf";

  static final Options STRICT = Options.defaults()
      .withEnv(Map.of())
      .withSystemProperties(Map.of())
      .withRegistry(Fixtures.registry())
      // probing this machine's ports would make these tests depend on what else runs on it
      .withResourceChecks(false);

  static final Options LENIENT = STRICT.withLenient(true);

  /** With an avro source and sink, whose hops between agents are checked. */
  static final Options WITH_AVRO = STRICT.withRegistry(Fixtures.registryWithAvro());

  private ConfigTesting() {}

  /** The "Known sink types: ..." sentence of the registry the tests use, which grows with FlumeLab. */
  static String known(ComponentKind kind) {
    return "Known " + kind.label() + " types: " + String.join(", ", Fixtures.registry().aliases(kind)) + ".";
  }

  /** Every rendered problem and warning for agent a1, in file order. */
  static List<String> problems(String text) {
    return problems(text, STRICT);
  }

  static List<String> problems(String text, Options options) {
    return AgentConfigurations.check(FILE, text, "a1", options).problems().stream()
        .map(Problem::render).toList();
  }
}
