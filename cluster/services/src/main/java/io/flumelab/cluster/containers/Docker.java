package io.flumelab.cluster.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers here, asked once per JVM. Without {@code DOCKER_HOST} and without
 * a Docker socket the answer is known at once; otherwise Testcontainers asks the engine.
 */
public final class Docker {

  private static final Path SOCKET = Path.of("/var/run/docker.sock");
  /** Where Docker Desktop and rootless Docker put the socket instead. */
  private static final List<Path> OTHER_SOCKETS = otherSockets();
  private static volatile Optional<String> unavailable;

  private Docker() {}

  public static boolean available() {
    return whyUnavailable().isEmpty();
  }

  /** Why Docker cannot be used here, or empty when it can. */
  public static synchronized Optional<String> whyUnavailable() {
    if (unavailable == null) {
      unavailable = probe();
    }
    return unavailable;
  }

  private static List<Path> otherSockets() {
    List<Path> sockets = new ArrayList<>();
    sockets.add(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
    if (runtimeDir != null && !runtimeDir.isBlank()) {
      sockets.add(Path.of(runtimeDir, "docker.sock"));
    }
    return List.copyOf(sockets);
  }

  private static Optional<String> probe() {
    String dockerHost = System.getenv("DOCKER_HOST");
    boolean configured = dockerHost != null && !dockerHost.isBlank();
    if (!configured && !Files.exists(SOCKET) && OTHER_SOCKETS.stream().noneMatch(Files::exists)
        && !Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))) {
      return Optional.of("Docker is not available here: DOCKER_HOST is not set and there is no "
          + SOCKET);
    }
    try {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      return Optional.of("Docker does not answer here (" + e.getMessage() + ")");
    }
    return Optional.of("Docker does not answer here (" + (configured ? "DOCKER_HOST=" + dockerHost
        : SOCKET.toString()) + ")");
  }
}
