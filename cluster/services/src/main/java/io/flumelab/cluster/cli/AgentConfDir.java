package io.flumelab.cluster.cli;

import io.flumelab.cluster.Hosts;
import io.flumelab.cluster.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prepares the conf dir agents run with against {@code up}'s services
 * ({@code bin/flume-ng agent -c ~/.flumelab/conf ...}): the hosts file, which {@code flume-ng}
 * applies with {@code -Djdk.net.hosts.file}, and the checkout's {@code flume-env.sh}.
 */
final class AgentConfDir {

  /** The checkout, set by bin/flumelab; its conf/ holds the flume-env.sh to start from. */
  static final String HOME_KEY = "flumelab.home";

  private AgentConfDir() {}

  static Path prepare(UserDirs dirs) {
    Hosts.writeForServices(dirs.hostsFile());
    // the JVM resolves with the file it was started with; keep it the same as the agents'
    Hosts.applied().filter(file -> !file.toAbsolutePath().equals(dirs.hostsFile()))
        .ifPresent(Hosts::writeForServices);
    Settings.get(HOME_KEY).map(home -> Path.of(home, "conf", "flume-env.sh")).filter(Files::isRegularFile)
        .ifPresent(env -> copyUnlessPresent(env, dirs.conf().resolve("flume-env.sh")));
    return dirs.conf();
  }

  /** A flume-env.sh the user edited there stays as it is. */
  private static void copyUnlessPresent(Path from, Path to) {
    try {
      if (!Files.exists(to)) {
        Files.copy(from, to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
    }
  }
}
