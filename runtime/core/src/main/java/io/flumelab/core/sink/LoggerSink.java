package io.flumelab.core.sink;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.core.spi.BatchSink;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every event at INFO on the logger {@code io.flumelab.core.sink.LoggerSink}, as
 * {@code Event: { headers:{...} body: 68 65 ... text }} (see {@link EventDump}), for testing and
 * debugging.
 *
 * <p>Key: {@code maxBytesToLog} (default 16), how many body bytes to show.
 *
 * <p>Flume takes one event per transaction; FlumeLab takes up to {@value #BATCH_SIZE}, which prints
 * the same lines far faster. If the channel refuses a take because the batch exceeds its
 * transactionCapacity, nothing has been logged yet: the sink rolls back, keeps to the number it
 * could take from then on, and carries on, so any channel that works with Flume's logger sink works
 * here. A failure while logging rolls the whole batch back, so those events may be logged twice.
 */
public class LoggerSink extends BatchSink implements Configurable {

  /** The {@code logger} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SINK, "logger", LoggerSink.class)
      .flumeClass("org.apache.flume.sink.LoggerSink")
      .settings(Setting.integer("maxBytesToLog"))
      .build();


  public static final String CONFIG_MAX_BYTES_TO_LOG = "maxBytesToLog";
  public static final int DEFAULT_MAX_BYTES_TO_LOG = EventDump.DEFAULT_MAX_BYTES;
  /** Events per transaction, at most. */
  static final int BATCH_SIZE = 100;

  private static final Logger LOG = LoggerFactory.getLogger(LoggerSink.class);

  private int maxBytesToLog = DEFAULT_MAX_BYTES_TO_LOG;

  @Override
  public void configure(Context context) {
    int value = context.getInteger(CONFIG_MAX_BYTES_TO_LOG, DEFAULT_MAX_BYTES_TO_LOG);
    if (value < 0) {
      throw new ConfigurationException(CONFIG_MAX_BYTES_TO_LOG,
          "Logger sink " + getName() + ": maxBytesToLog must be 0 or more, not " + value,
          "Set maxBytesToLog to the number of body bytes to show, e.g. 16");
    }
    maxBytesToLog = value;
  }

  public int getMaxBytesToLog() {
    return maxBytesToLog;
  }

  @Override
  protected int batchSize() {
    return BATCH_SIZE;
  }

  @Override
  protected boolean adaptsBatchToChannel() {
    return true; // Flume's logger sink takes one event at a time: any channel must do
  }

  @Override
  protected void deliver(List<Event> events) {
    if (LOG.isInfoEnabled()) {
      for (Event event : events) {
        LOG.info("Event: {}", EventDump.dumpEvent(event, maxBytesToLog));
      }
    }
  }

  @Override
  protected String describe() {
    return "Logger sink " + getName();
  }
}
