package io.flumelab.core.sink;

import static io.flumelab.core.spi.ComponentKind.SINK;

import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.core.spi.BatchSink;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every event at INFO on the logger {@value #EVENT_LOGGER}, Flume's name for it, as
 * {@code Event: { headers:{...} body: 68 65 ... text }} (see {@link EventDump}), for testing and
 * debugging. A log configuration written for Flume that names that logger (to send events to a
 * file of their own, or to silence them) works unchanged; the sink's own warnings stay under its
 * FlumeLab class name.
 *
 * <p>Flume takes one event per transaction; FlumeLab takes up to {@value #BATCH_SIZE}, which prints
 * the same lines far faster. If the channel refuses a take because the batch exceeds its
 * transactionCapacity, nothing has been logged yet: the sink rolls back, keeps to the number it
 * could take from then on, and carries on, so any channel that works with Flume's logger sink works
 * here. A failure while logging rolls the whole batch back, so those events may be logged twice.
 */
public class LoggerSink extends BatchSink implements Configurable {

  static final Setting<Integer> MAX_BYTES_TO_LOG = Setting.integer("maxBytesToLog")
      .defaultValue(EventDump.DEFAULT_MAX_BYTES).check(Check.atLeast(0))
      .doc("how many leading body bytes each log line shows");

  public static final ComponentSpec SPEC = ComponentSpec.builder(SINK, "logger", LoggerSink.class)
      .flumeClass("org.apache.flume.sink.LoggerSink")
      .settings(MAX_BYTES_TO_LOG)
      .build();

  /** Events per transaction, at most: the sink's own choice, not a key. */
  static final int BATCH_SIZE = 100;

  /** The logger events go to: the class name of Flume's logger sink, which log configs name. */
  public static final String EVENT_LOGGER = "org.apache.flume.sink.LoggerSink";

  private static final Logger LOG = LoggerFactory.getLogger(EVENT_LOGGER);

  private int maxBytesToLog = MAX_BYTES_TO_LOG.defaultValue();

  public LoggerSink() {
    // Flume's logger sink takes one event at a time, so any channel must do: the batch shrinks
    super(BATCH_SIZE);
  }

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    maxBytesToLog = settings.get(MAX_BYTES_TO_LOG);
  }

  public int getMaxBytesToLog() {
    return maxBytesToLog;
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
