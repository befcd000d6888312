package io.flumelab.avro;

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
 * What one logger writes, as "LEVEL message", through a real Log4j appender. The same as
 * runtime/core's test LogCapture, which is not published as a test jar for other modules.
 */
final class LogLines extends AbstractAppender implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LoggerContext context;
  private final String loggerName;

  private LogLines(String loggerName, LoggerContext context) {
    super("lines-" + loggerName + "-" + System.nanoTime(), (Filter) null,
        (Layout<? extends Serializable>) null, true, Property.EMPTY_ARRAY);
    this.loggerName = loggerName;
    this.context = context;
  }

  static LogLines of(Class<?> loggerClass) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    LogLines capture = new LogLines(loggerClass.getName(), context);
    capture.start();
    config.addAppender(capture);
    LoggerConfig loggerConfig = new LoggerConfig(loggerClass.getName(), Level.INFO, false);
    loggerConfig.addAppender(capture, null, null);
    config.addLogger(loggerClass.getName(), loggerConfig);
    context.updateLoggers();
    return capture;
  }

  @Override
  public void append(LogEvent event) {
    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  List<String> warnings() {
    return lines.stream().filter(line -> line.startsWith("WARN")).toList();
  }

  @Override
  public void close() {
    context.getConfiguration().removeLogger(loggerName);
    context.updateLoggers();
    stop();
  }
}
