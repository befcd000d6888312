package io.flumelab.cluster.mysql;

import io.flumelab.cluster.Backend;
import io.flumelab.cluster.ChildProcess;
import io.flumelab.cluster.LocalProgramService;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.Programs;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.WorkDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's MariaDB server as a child process: a fresh data directory from
 * {@code mariadb-install-db}, then {@code mariadbd} with no option files, listening on hadoop102's
 * address only, with an init file that creates the course's database and user.
 */
public final class LocalMysql extends LocalProgramService implements MysqlService {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final int port = Settings.port(PORT_KEY, DEFAULT_PORT);

  @Override
  public Backend backend() {
    return Backend.LOCAL;
  }

  @Override
  public String engine() {
    return "MariaDB server (" + program("mariadbd") + ")";
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
      Path data = dir.resolve("data");
      Path initFile = Files.writeString(dir.resolve("init.sql"), MysqlService.initSql());
      String user = System.getProperty("user.name");
      ChildProcess.runToEnd("mariadb-install-db", List.of(program("mariadb-install-db"),
          "--no-defaults", "--datadir=" + data, "--user=" + user,
          "--auth-root-authentication-method=normal", "--skip-test-db"), dir, READY_TIMEOUT);
      startServer(data, initFile, user);
      status = Status.RUNNING;
    } catch (IOException | RuntimeException e) {
      status = Status.FAILED;
      stopQuietly();
      if (e instanceof ServiceException serviceException) {
        throw serviceException;
      }
      throw new ServiceException("MySQL could not start: " + e, "see the cause below", e);
    }
  }

  /** mariadbd on the data directory, once clients can query it. */
  private void startServer(Path data, Path initFile, String user) {
    process = ChildProcess.start("mariadbd", List.of(program("mariadbd"), "--no-defaults",
        "--datadir=" + data, "--user=" + user, "--port=" + port,
        "--bind-address=" + HOST.address(), "--socket=" + dir.resolve("mysqld.sock"),
        "--pid-file=" + dir.resolve("mysqld.pid"), "--tmpdir=" + dir, "--init-file=" + initFile,
        // clients come from loopback addresses with no names; don't look them up
        "--skip-name-resolve", "--skip-log-bin", "--performance-schema=OFF",
        "--innodb-buffer-pool-size=32M", "--max-connections=100",
        // without option files the server would store latin1; the course's data is Chinese text
        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"), dir);
    process.awaitReady(() -> JdbcProbe.canQuery(this), READY_TIMEOUT,
        "ready for " + USER + " at " + jdbcUrl(), "see mariadbd's output above; the port is set with "
        + PORT_KEY);
  }

  /** SIGTERM (mariadbd shuts down cleanly), then the same server on the same data directory. */
  @Override
  public synchronized void restart() {
    if (status != Status.RUNNING) {
      throw new IllegalStateException("MySQL is " + status + ", not running");
    }
    process.stop();
    try {
      startServer(dir.resolve("data"), dir.resolve("init.sql"), System.getProperty("user.name"));
    } catch (RuntimeException e) {
      status = Status.FAILED;
      throw e;
    }
  }

  private static String program(String name) {
    return Programs.find(name).map(Path::toString).orElse(name);
  }

}
