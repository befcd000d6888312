package io.flumelab.cluster.containers;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import io.flumelab.cluster.LabHost;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;

/**
 * Publishes a container's ports on one of the course's hosts at fixed port numbers
 * ({@code 127.0.1.102:3306}), so that configs written for {@code hadoop102:3306} reach it: Docker's
 * usual random host ports would not match them.
 */
final class HostPorts {

  private final LabHost host;
  private final List<ExposedPort> exposed = new ArrayList<>();
  private final Ports bindings = new Ports();

  private HostPorts(LabHost host) {
    this.host = host;
  }

  static HostPorts on(LabHost host) {
    return new HostPorts(host);
  }

  /** The container's TCP port {@code port}, published at the same number on the host. */
  HostPorts tcp(int port) {
    return bind(new ExposedPort(port, InternetProtocol.TCP), port);
  }

  HostPorts udp(int port) {
    return bind(new ExposedPort(port, InternetProtocol.UDP), port);
  }

  private HostPorts bind(ExposedPort port, int hostPort) {
    exposed.add(port);
    bindings.bind(port, Ports.Binding.bindIpAndPort(host.address(), hostPort));
    return this;
  }

  /** Applies the bindings to a container not yet started. */
  <C extends GenericContainer<?>> C applyTo(C container) {
    container.withCreateContainerCmdModifier(cmd -> {
      cmd.withExposedPorts(exposed);
      cmd.getHostConfig().withPortBindings(bindings);
    });
    return container;
  }
}
