package io.flumelab.launcher;

import java.util.Locale;

/**
 * Applies {@code -Dflume.root.logger=LEVEL,APPENDER} (the course's habit) before Log4j starts:
 * the level goes to {@code flumelab.log.level}, the appender ({@code console} or {@code LOGFILE})
 * to {@code flumelab.log.appender}, which the bundled log4j2.xml reads. Must run before the first
 * logger is created.
 */
final class LoggingSetup {

  static final String ROOT_LOGGER = "flume.root.logger";

  private LoggingSetup() {}

  static void apply() {
    String rootLogger = System.getProperty(ROOT_LOGGER);
    if (rootLogger == null || rootLogger.isBlank()) {
      return;
    }
    String[] parts = rootLogger.split(",");
    System.setProperty("flumelab.log.level", parts[0].trim().toUpperCase(Locale.ROOT));
    if (parts.length > 1) {
      String appender = parts[1].trim().toLowerCase(Locale.ROOT);
      System.setProperty("flumelab.log.appender", appender.equals("logfile") ? "LogFile" : "Console");
    }
  }
}
