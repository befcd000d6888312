package io.flumelab.cluster.containers;

import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.ganglia.GangliaService;
import io.flumelab.cluster.ganglia.GmondConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

/**
 * Debian's gmond in a Docker container, for machines where ganglia-monitor cannot be installed
 * (no Debian, or no root): an image of Debian 12 with ganglia-monitor 3.7.2, built on first use
 * and kept, with the same configuration as the local backend, published at {@code hadoop102:8649}
 * over UDP and TCP.
 */
public final class ContainerGanglia extends ContainerService implements GangliaService {

  static final String IMAGE = "flumelab/gmond:3.7.2";
  private static final String CONF = "/etc/flumelab/gmond.conf";

  private final int port = Settings.port(PORT_KEY, DEFAULT_PORT);

  @Override
  public String engine() {
    return "Docker image " + IMAGE + " (Debian 12, ganglia-monitor)";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  protected void requirePortsFree() {
    PortCheck.requireFree(HOST, port, PORT_KEY);
    PortCheck.requireFreeUdp(HOST, port, PORT_KEY);
  }

  @Override
  protected GenericContainer<?> newContainer() {
    return HostPorts.on(HOST).tcp(port).udp(port).applyTo(new GenericContainer<>(image())
        .withCopyToContainer(Transferable.of(GmondConfig.text(HOST.name(), "0.0.0.0", port)), CONF)
        .withCommand("gmond", "--conf=" + CONF, "--foreground"));
  }

  /** Built once per Docker engine; later starts find it by its name. */
  private static ImageFromDockerfile image() {
    return new ImageFromDockerfile(IMAGE, false).withDockerfileFromBuilder(dockerfile -> dockerfile
        .from("debian:bookworm-slim")
        .run("apt-get update && apt-get install -y --no-install-recommends ganglia-monitor "
            + "&& rm -rf /var/lib/apt/lists/*")
        .build());
  }

  @Override
  protected boolean ready() {
    return servesXml();
  }
}
