package io.flumelab.cluster.mysql;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.flumelab.cluster.Endpoint;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.Service;
import java.util.List;
import javax.sql.DataSource;

/**
 * A MySQL-compatible database (MariaDB) at {@code hadoop102:3306} with the course's database and
 * TCP user: {@code jdbc:mysql://hadoop102:3306/mysqlsource}, user {@code root}, password
 * {@code 000000}, as the MySQL source case's {@code jdbc.properties} has them.
 */
public interface MysqlService extends Service {

  String PORT_KEY = "flumelab.mysql.port";
  int DEFAULT_PORT = 3306;
  String DATABASE = "mysqlsource";
  String USER = "root";
  String PASSWORD = "000000";
  LabHost HOST = LabHost.HADOOP102;

  int port();

  @Override
  default String name() {
    return "mysql";
  }

  @Override
  default List<Endpoint> endpoints() {
    return List.of(new Endpoint("MySQL (MariaDB)", HOST, port(), jdbcUrl()));
  }

  /** {@code jdbc:mysql://hadoop102:3306/mysqlsource} */
  default String jdbcUrl() {
    return "jdbc:mysql://" + HOST.name() + ":" + port() + "/" + DATABASE;
  }

  /**
   * Stops the server and starts it again on the same data, as a database restart does: every
   * client's connection is cut, and the tables and rows are there again once it is back.
   */
  default void restart() {
    throw new UnsupportedOperationException("restarting MySQL on the " + backend().id()
        + " backend is not supported; run the test where mariadbd is installed (local backend)");
  }

  /** Connects as the course's user to the course's database. */
  default DataSource dataSource() {
    MysqlDataSource dataSource = new MysqlDataSource();
    dataSource.setURL(jdbcUrl());
    dataSource.setUser(USER);
    dataSource.setPassword(PASSWORD);
    return dataSource;
  }

  /** What the server runs once at start: the course's database and its TCP user. */
  static String initSql() {
    return String.join("\n",
        // a fresh data directory may hold users for 127.0.0.1, ::1 and this machine's name that
        // would match TCP clients before 'root'@'%' does; only the socket user stays
        "DELETE FROM mysql.global_priv WHERE Host <> 'localhost';",
        "FLUSH PRIVILEGES;",
        "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";",
        "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';",
        "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION;",
        "");
  }
}
