package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.cluster.mysql.MysqlService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@LabCluster(mysql = true)
class MysqlIT {

  @Test
  void roundTripAsTheCourseUser() throws Exception {
    // exactly what the MySQL source case's jdbc.properties holds
    String url = "jdbc:mysql://hadoop102:3306/mysqlsource?useUnicode=true&characterEncoding=utf-8";
    try (Connection connection = DriverManager.getConnection(url, "root", "000000");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE student (id INT PRIMARY KEY, name VARCHAR(32))");
      statement.execute("INSERT INTO student VALUES (1, 'zhangsan'), (2, '李四')");
      try (ResultSet rows = statement.executeQuery("SELECT name FROM student ORDER BY id")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("zhangsan");
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("李四");
        assertThat(rows.next()).isFalse();
      }
    }
  }

  @Test
  void theExtensionGivesADataSourceOnTheCourseDatabase(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT DATABASE(), CURRENT_USER()");
        ResultSet row = query.executeQuery()) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("mysqlsource");
      assertThat(row.getString(2)).isEqualTo("root@%");
    }
  }

  @Test
  void aRestartCutsConnectionsAndKeepsTheRows(MysqlService mysql, DataSource dataSource)
      throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (id INT PRIMARY KEY, name VARCHAR(32))");
      statement.execute("INSERT INTO kept VALUES (7, '王五')");
      mysql.restart();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.executeQuery("SELECT 1"))
          .isInstanceOf(java.sql.SQLException.class);
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, name FROM kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(2)).isEqualTo("王五");
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(
        "jdbc:mysql://hadoop102:3306/mysqlsource", "root", "wrong").close())
        .hasMessageContaining("Access denied");
  }
}
