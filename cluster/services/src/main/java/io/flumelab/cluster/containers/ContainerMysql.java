package io.flumelab.cluster.containers;

import io.flumelab.cluster.Backend;
import io.flumelab.cluster.Endpoint;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.ServiceKind;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.mysql.JdbcProbe;
import io.flumelab.cluster.mysql.MysqlService;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * MariaDB 10.11 (the version Debian's mariadb-server has) in a Docker container, published at
 * {@code hadoop102:3306} with the course's database and user.
 */
public final class ContainerMysql implements MysqlService {

  static final DockerImageName IMAGE = DockerImageName.parse("mariadb:10.11");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final int port = Settings.port(PORT_KEY, DEFAULT_PORT);
  private GenericContainer<?> container;
  private Status status = Status.STOPPED;

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public Backend backend() {
    return Backend.CONTAINERS;
  }

  @Override
  public String engine() {
    return "Docker image " + IMAGE;
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
    try {
      container = HostPorts.on(HOST).tcp(port).applyTo(new GenericContainer<>(IMAGE)
          .withEnv("MARIADB_ROOT_PASSWORD", PASSWORD)
          .withEnv("MARIADB_ROOT_HOST", "%")
          .withEnv("MARIADB_DATABASE", DATABASE)
          .withCommand("--port=" + port, "--character-set-server=utf8mb4",
              "--collation-server=utf8mb4_general_ci", "--innodb-buffer-pool-size=32M"));
      container.start();
      Awaitility.await().atMost(READY_TIMEOUT).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200)).until(() -> JdbcProbe.canQuery(this));
      status = Status.RUNNING;
    } catch (RuntimeException e) {
      status = Status.FAILED;
      stopQuietly();
      throw new ServiceException("MySQL (" + IMAGE + ") could not start: " + e.getMessage(),
          "see the container's log above, or unset " + ServiceKind.MYSQL.backendKey()
          + " to run it on the local program or embedded", e);
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
    return List.of(new Endpoint("MySQL (MariaDB)", HOST, port, jdbcUrl()));
  }
}
