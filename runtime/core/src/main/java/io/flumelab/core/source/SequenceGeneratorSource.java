package io.flumelab.core.source;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.PollableSource;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the events 0, 1, 2, ... with the decimal counter as body, for trying out a pipeline.
 * Keys, as in Flume 1.11: {@code batchSize} (1), events per transaction; {@code totalEvents}
 * ({@link Long#MAX_VALUE}), after which the source produces nothing more and returns BACKOFF.
 *
 * <p>A batch the channels refuse is offered again with the same numbers after a backoff, so the
 * channel sees every number exactly once and in order.
 */
public class SequenceGeneratorSource extends AbstractSource
    implements PollableSource, Configurable, Counted {

  /** The {@code seq} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SOURCE, "seq", SequenceGeneratorSource.class)
      .flumeClass("org.apache.flume.source.SequenceGeneratorSource")
      .settings(Setting.longValue("totalEvents"))
      .batch(Setting.integer("batchSize").defaultValue(1))
      .build();


  public static final String CONFIG_BATCH_SIZE = "batchSize";
  public static final String CONFIG_TOTAL_EVENTS = "totalEvents";
  public static final int DEFAULT_BATCH_SIZE = 1;
  public static final long DEFAULT_TOTAL_EVENTS = Long.MAX_VALUE;

  private static final Logger LOG = LoggerFactory.getLogger(SequenceGeneratorSource.class);

  private int batchSize = DEFAULT_BATCH_SIZE;
  private long totalEvents = DEFAULT_TOTAL_EVENTS;
  /** The next number to send; only the runner's thread touches it. */
  private long next;
  private boolean announcedEnd;
  private volatile SourceCounter counter;

  @Override
  public void configure(Context context) {
    int size = context.getInteger(CONFIG_BATCH_SIZE, DEFAULT_BATCH_SIZE);
    if (size < 1) {
      throw new ConfigurationException(CONFIG_BATCH_SIZE,
          "Sequence generator source " + getName() + ": batchSize must be 1 or more, not " + size,
          "Remove batchSize to send one event per transaction, or set a positive number");
    }
    long total = context.getLong(CONFIG_TOTAL_EVENTS, DEFAULT_TOTAL_EVENTS);
    if (total < 0) {
      throw new ConfigurationException(CONFIG_TOTAL_EVENTS,
          "Sequence generator source " + getName() + ": totalEvents must be 0 or more, not "
              + total,
          "Remove totalEvents to generate events without end");
    }
    batchSize = size;
    totalEvents = total;
  }

  @Override
  public SourceCounter getCounter() {
    SourceCounter c = counter;
    if (c == null) {
      synchronized (this) {
        if (counter == null) {
          counter = new SourceCounter(getName());
        }
        c = counter;
      }
    }
    return c;
  }

  @Override
  public synchronized void start() {
    super.start();
    getCounter().start();
    LOG.info("Sequence generator source {} started at {}, sending {} events", getName(), next,
        totalEvents == Long.MAX_VALUE ? "unlimited" : String.valueOf(totalEvents));
  }

  @Override
  public synchronized void stop() {
    getCounter().stop();
    super.stop();
    LOG.info("Sequence generator source {} stopped; next number {}", getName(), next);
  }

  @Override
  public Status process() {
    if (next >= totalEvents) {
      if (!announcedEnd) {
        announcedEnd = true;
        LOG.info("Sequence generator source {} has sent all {} events", getName(), totalEvents);
      }
      return Status.BACKOFF;
    }
    int n = (int) Math.min(batchSize, totalEvents - next);
    List<Event> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(EventBuilder.withBody(Long.toString(next + i), StandardCharsets.US_ASCII));
    }
    SourceCounter c = getCounter();
    c.addToEventReceivedCount(n);
    c.incrementAppendBatchReceivedCount();
    try {
      getChannelProcessor().processEventBatch(batch);
    } catch (ChannelException e) {
      c.incrementChannelWriteFail();
      LOG.warn("Sequence generator source {}: the channels refused events {} to {}; offering them "
          + "again after a pause: {}", getName(), next, next + n - 1, e.toString());
      return Status.BACKOFF;
    }
    next += n;
    c.addToEventAcceptedCount(n);
    c.incrementAppendBatchAcceptedCount();
    return Status.READY;
  }

  @Override
  public long getBackOffSleepIncrement() {
    return 0;
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return 0;
  }
}
