package io.flumelab.compat.it;

import io.flumelab.core.agent.Agent;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.Topology;
import io.flumelab.core.plugin.PluginPaths;
import io.flumelab.core.testing.AgentTesting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** In-process agents as bin/flume-ng starts them: with plugins.d and the Flume compat directory. */
final class Agents {

  private Agents() {}

  /** Loads agent a1 of {@code config} with {@code pluginsRoot} as its plugins.d, and starts it. */
  static Agent start(String config, Path pluginsRoot) {
    return start(config, pluginsRoot, null);
  }

  /**
   * The same, with the component types and classes of {@code agentClassPath} (null: this test's
   * class path, which has the core's types and no other runtime module).
   */
  static Agent start(String config, Path pluginsRoot, ClassLoader agentClassPath) {
    Topology topology = AgentConfigurations.load("jobs/published-plugins.conf", config, "a1",
        AgentTesting.REAL.withClassLoader(agentClassPath).withSystemProperties(Map.of(
            PluginPaths.PLUGINS_PATH, pluginsRoot.toAbsolutePath().toString(),
            PluginPaths.COMPAT_PATH, PublishedPlugins.COMPAT.toAbsolutePath().toString())));
    Agent agent = Agent.of(topology);
    agent.start();
    return agent;
  }

  /** Every line a file_roll sink wrote into {@code dir}, files in name (= start time) order. */
  static List<String> rolledLines(Path dir) {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
