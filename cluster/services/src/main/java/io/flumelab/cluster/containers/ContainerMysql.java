package io.flumelab.cluster.containers;

import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.mysql.JdbcProbe;
import io.flumelab.cluster.mysql.MysqlService;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * MariaDB 10.11 (the version Debian's mariadb-server has) in a Docker container, published at
 * {@code hadoop102:3306} with the course's database and user.
 */
public final class ContainerMysql extends ContainerService implements MysqlService {

  static final DockerImageName IMAGE = DockerImageName.parse("mariadb:10.11");

  private final int port = Settings.port(PORT_KEY, DEFAULT_PORT);

  @Override
  public String engine() {
    return "Docker image " + IMAGE;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  protected void requirePortsFree() {
    PortCheck.requireFree(HOST, port, PORT_KEY);
  }

  @Override
  protected GenericContainer<?> newContainer() {
    return HostPorts.on(HOST).tcp(port).applyTo(new GenericContainer<>(IMAGE)
        .withEnv("MARIADB_ROOT_PASSWORD", PASSWORD)
        .withEnv("MARIADB_ROOT_HOST", "%")
        .withEnv("MARIADB_DATABASE", DATABASE)
        .withCommand("--port=" + port, "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_general_ci", "--innodb-buffer-pool-size=32M"));
  }

  @Override
  protected boolean ready() {
    return JdbcProbe.canQuery(this);
  }
}
