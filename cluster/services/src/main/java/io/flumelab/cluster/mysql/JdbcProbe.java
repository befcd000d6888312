package io.flumelab.cluster.mysql;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.flumelab.cluster.ServiceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Whether the course's user can log in and run a query yet. */
public final class JdbcProbe {

  /** MySQL's error code for a refused login. */
  private static final int ACCESS_DENIED = 1045;

  private JdbcProbe() {}

  /**
   * True once a query runs, false while the server is not listening yet.
   *
   * @throws ServiceException if the server refuses the course's user: waiting would not help
   */
  public static boolean canQuery(MysqlService service) {
    MysqlDataSource dataSource = (MysqlDataSource) service.dataSource();
    try {
      dataSource.setConnectTimeout(1000);
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        return statement.execute("SELECT 1");
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == ACCESS_DENIED) {
        throw new ServiceException("The database refuses " + MysqlService.USER + " at "
            + service.jdbcUrl() + ": " + e.getMessage(), "the init file did not create the user; "
            + "see the server's output", e);
      }
      return false;
    }
  }
}
