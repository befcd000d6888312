package io.flumelab.jdbc;

import java.util.regex.Pattern;

/** A JDBC URL as messages and the status file show it: a password in it replaced by ***. */
final class JdbcUrls {

  // password=..., pwd=..., and user:password@ in URLs such as jdbc:mariadb://u:p@host/db
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)((?:password|pwd|passwd)\\s*=)[^&;:,)]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

  private JdbcUrls() {}

  static String masked(String url) {
    String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }
}
