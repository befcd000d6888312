package io.flumelab.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Opens connections through the driver itself, not {@code DriverManager}: the manager refuses a
 * driver whose class loader is not its caller's, and a driver from plugins.d {@code libext} lives in
 * a plugin's class loader. The driver is the class {@code driver_class} names, or else the first
 * driver registered in the loader (its {@code META-INF/services/java.sql.Driver}) that accepts the
 * URL.
 */
final class DriverConnector {

  private final String url;
  private final String user;
  private final String password;
  private final String driverClass;
  private final ClassLoader loader;
  private Driver driver;

  DriverConnector(String url, String user, String password, String driverClass,
      ClassLoader loader) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.driverClass = driverClass;
    this.loader = loader;
  }

  /** A new connection; the exception's message never holds the password. */
  Connection connect() throws SQLException, DriverMissing {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    Connection connection = driver().connect(url, properties);
    if (connection == null) {
      throw new DriverMissing("the driver " + driver.getClass().getName() + " does not accept the "
          + "URL " + JdbcUrls.masked(url), "Write a URL of that driver's (jdbc:mariadb://..., "
          + "jdbc:mysql://...) or name the driver for this URL in hibernate.connection.driver_class.");
    }
    return connection;
  }

  /** The driver in use, once one was found. */
  String driverName() {
    return driver == null ? String.valueOf(driverClass) : driver.getClass().getName();
  }

  private synchronized Driver driver() throws DriverMissing {
    if (driver == null) {
      driver = driverClass != null ? named() : registeredFor();
    }
    return driver;
  }

  private Driver named() throws DriverMissing {
    try {
      Class<?> type = Class.forName(driverClass, true, loader);
      if (!Driver.class.isAssignableFrom(type)) {
        throw new DriverMissing(driverClass + " is not a JDBC driver (java.sql.Driver)",
            "Name the driver class of your database, e.g. org.mariadb.jdbc.Driver or "
                + "com.mysql.cj.jdbc.Driver.");
      }
      return (Driver) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new DriverMissing("the JDBC driver " + driverClass + " is not on the agent's class "
          + "path nor in plugins.d", "Put the driver's jar in plugins.d/<name>/libext/ under the "
          + "agent's home or a --plugins-path directory (FlumeLab bundles no driver).");
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new DriverMissing("the JDBC driver " + driverClass + " cannot be created: " + e,
          "Check that the jar in libext is a complete driver for Java 17 or later.");
    }
  }

  private Driver registeredFor() throws DriverMissing {
    Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
    while (true) {
      Driver candidate;
      try {
        if (!drivers.hasNext()) {
          break;
        }
        candidate = drivers.next();
      } catch (ServiceConfigurationError broken) {
        continue;
      }
      try {
        if (candidate.acceptsURL(url)) {
          return candidate;
        }
      } catch (SQLException e) {
        // a driver that cannot tell is not the one
      }
    }
    throw new DriverMissing("no JDBC driver on the agent's class path or in plugins.d accepts the "
        + "URL " + JdbcUrls.masked(url), "Put the driver's jar in plugins.d/<name>/libext/ "
        + "(FlumeLab bundles no driver), or name it in hibernate.connection.driver_class.");
  }

  /** No driver can be had: a configuration fault, not a passing one. */
  static final class DriverMissing extends Exception {
    private static final long serialVersionUID = 1L;
    private final String fix;

    DriverMissing(String message, String fix) {
      super(message, null, false, false);
      this.fix = fix;
    }

    String fix() {
      return fix;
    }
  }
}
