package io.flumelab.launcher;

import java.util.List;
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

  /** The levels Log4j knows, as a student would write them. */
  private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** Applies the setting; returns what is wrong with it in one line, or null. */
  static String apply() {
    String rootLogger = System.getProperty(ROOT_LOGGER);
    if (rootLogger == null || rootLogger.isBlank()) {
      return null;
    }
    String[] parts = rootLogger.split(",");
    String level = parts[0].trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(level) && !level.equals("FATAL") && !level.equals("ALL")) {
      return "flume-ng: unknown log level '" + parts[0].trim() + "' in -D" + ROOT_LOGGER + "="
          + rootLogger + "; use one of " + String.join(", ", LEVELS);
    }
    System.setProperty("flumelab.log.level", level);
    if (parts.length > 1) {
      String appender = parts[1].trim().toLowerCase(Locale.ROOT);
      System.setProperty("flumelab.log.appender", appender.equals("logfile") ? "LogFile" : "Console");
    }
    return null;
  }
}
