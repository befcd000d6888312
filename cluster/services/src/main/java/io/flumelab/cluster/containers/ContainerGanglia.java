package io.flumelab.cluster.containers;

import io.flumelab.cluster.Backend;
import io.flumelab.cluster.Endpoint;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.ServiceKind;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.ganglia.GangliaService;
import io.flumelab.cluster.ganglia.GmondConfig;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

/**
 * Debian's gmond in a Docker container, for machines where ganglia-monitor cannot be installed
 * (no Debian, or no root): an image of Debian 12 with ganglia-monitor 3.7.2, built on first use
 * and kept, with the same configuration as the local backend, published at {@code hadoop102:8649}
 * over UDP and TCP.
 */
public final class ContainerGanglia implements GangliaService {

  static final String IMAGE = "flumelab/gmond:3.7.2";
  private static final String CONF = "/etc/flumelab/gmond.conf";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final int port = Settings.port(PORT_KEY, DEFAULT_PORT);
  private GenericContainer<?> container;
  private Status status = Status.STOPPED;

  @Override
  public String name() {
    return "ganglia";
  }

  @Override
  public Backend backend() {
    return Backend.CONTAINERS;
  }

  @Override
  public String engine() {
    return "Docker image " + IMAGE + " (Debian 12, ganglia-monitor)";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public synchronized void start() {
    if (status == Status.RUNNING) {
      return;
    }
    PortCheck.requireFree(HOST, port, PORT_KEY);
    PortCheck.requireFreeUdp(HOST, port, PORT_KEY);
    try {
      container = HostPorts.on(HOST).tcp(port).udp(port).applyTo(new GenericContainer<>(image())
          .withCopyToContainer(Transferable.of(GmondConfig.text(HOST.name(), "0.0.0.0", port)), CONF)
          .withCommand("gmond", "--conf=" + CONF, "--foreground"));
      container.start();
      Awaitility.await().atMost(READY_TIMEOUT).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100)).until(this::servesXml);
      status = Status.RUNNING;
    } catch (RuntimeException e) {
      status = Status.FAILED;
      stopQuietly();
      throw new ServiceException("gmond (" + IMAGE + ") could not start: " + e.getMessage(),
          "see the container's log above, or install ganglia-monitor and unset "
          + ServiceKind.GANGLIA.backendKey(), e);
    }
  }

  /** Built once per Docker engine; later starts find it by its name. */
  private static ImageFromDockerfile image() {
    return new ImageFromDockerfile(IMAGE, false).withDockerfileFromBuilder(dockerfile -> dockerfile
        .from("debian:bookworm-slim")
        .run("apt-get update && apt-get install -y --no-install-recommends ganglia-monitor "
            + "&& rm -rf /var/lib/apt/lists/*")
        .build());
  }

  private boolean servesXml() {
    try {
      return xml().raw().contains("<GANGLIA_XML");
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public synchronized void stop() {
    stopQuietly();
    if (status != Status.FAILED) {
      status = Status.STOPPED;
    }
  }

  private void stopQuietly() {
    if (container != null) {
      container.stop();
      container = null;
    }
  }

  @Override
  public synchronized Status status() {
    if (status == Status.RUNNING && !container.isRunning()) {
      status = Status.FAILED;
    }
    return status;
  }

  @Override
  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("gmond metrics (UDP)", HOST, port, HOST.name() + ":" + port),
        new Endpoint("gmond XML (TCP)", HOST, port, "nc " + HOST.name() + " " + port));
  }
}
