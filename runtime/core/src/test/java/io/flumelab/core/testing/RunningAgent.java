package io.flumelab.core.testing;

import io.flumelab.core.agent.Agent;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.Topology;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs agent a1 of a test's config with the real registry, and stops it after the test whatever
 * the outcome. Register it with {@code @RegisterExtension}.
 */
public final class RunningAgent implements AfterEachCallback {

  private final String file;
  private Agent agent;

  /** @param file the name problems and logs give the config */
  public RunningAgent(String file) {
    this.file = file;
  }

  /** Loads the config and starts its agent. */
  public Topology start(String config) {
    return start(config, AgentTesting.REAL);
  }

  /** Loads the config with these options (an environment, say) and starts its agent. */
  public Topology start(String config, AgentConfigurations.Options options) {
    Topology topology = AgentConfigurations.load(file, config, "a1", options);
    agent = Agent.of(topology);
    agent.start();
    return topology;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (agent != null) {
      agent.stop(0);
      agent = null;
    }
  }
}
