package io.flumelab.core.testing;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects what one logger writes, as "LEVEL message", through a real Log4j appender: tests
 * assert on the output a user would see. Close it to restore the logger.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LoggerContext context;
  private final String loggerName;
  private final LoggerConfig previous;

  private LogCapture(String loggerName, LoggerContext context, LoggerConfig previous) {
    super("capture-" + loggerName + "-" + System.nanoTime(), (Filter) null,
        (Layout<? extends Serializable>) null, true, Property.EMPTY_ARRAY);
    this.loggerName = loggerName;
    this.context = context;
    this.previous = previous;
  }

  public static LogCapture attach(String loggerName, Level level) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    LoggerConfig existing = config.getLoggers().get(loggerName);
    LogCapture capture = new LogCapture(loggerName, context, existing);
    capture.start();
    config.addAppender(capture);
    LoggerConfig loggerConfig = new LoggerConfig(loggerName, level, false);
    loggerConfig.addAppender(capture, null, null);
    if (existing != null) {
      config.removeLogger(loggerName);
    }
    config.addLogger(loggerName, loggerConfig);
    context.updateLoggers();
    return capture;
  }

  public static LogCapture attach(Class<?> loggerClass, Level level) {
    return attach(loggerClass.getName(), level);
  }

  @Override
  public void append(LogEvent event) {
    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  public List<String> warnings() {
    return lines.stream().filter(line -> line.startsWith("WARN ")).toList();
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    config.removeLogger(loggerName);
    if (previous != null) {
      config.addLogger(loggerName, previous);
    }
    context.updateLoggers();
    stop();
  }
}
