package io.flumelab.core.source;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.PollableSource;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
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
 * After {@code totalEvents} the source produces nothing more and returns BACKOFF.
 *
 * <p>A batch the channels refuse is offered again with the same numbers after a backoff, so the
 * channel sees every number exactly once and in order.
 */
public class SequenceGeneratorSource extends CountedSource
    implements PollableSource, Configurable, BatchSizeSupported {

  static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize").defaultValue(1)
      .check(Check.atLeast(1)).doc("events per channel transaction");
  static final Setting<Long> TOTAL_EVENTS = Setting.longValue("totalEvents")
      .defaultValue(Long.MAX_VALUE).check(Check.atLeast(0))
      .doc("how many events to generate; then the source sends nothing more");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(SOURCE, "seq", SequenceGeneratorSource.class)
          .flumeClass("org.apache.flume.source.SequenceGeneratorSource")
          .settings(TOTAL_EVENTS)
          .batch(BATCH_SIZE)
          .build();

  private static final Logger LOG = LoggerFactory.getLogger(SequenceGeneratorSource.class);

  private int batchSize = BATCH_SIZE.defaultValue();
  private long totalEvents = TOTAL_EVENTS.defaultValue();
  /** The next number to send; only the runner's thread touches it. */
  private long next;
  private boolean announcedEnd;

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    batchSize = settings.get(BATCH_SIZE);
    totalEvents = settings.get(TOTAL_EVENTS);
  }

  @Override
  protected String describe() {
    return "Sequence generator source " + getName();
  }

  @Override
  public long getBatchSize() {
    return batchSize;
  }

  @Override
  public synchronized void start() {
    super.start();
    LOG.info("Sequence generator source {} started at {}, sending {} events", getName(), next,
        totalEvents == Long.MAX_VALUE ? "unlimited" : String.valueOf(totalEvents));
  }

  @Override
  public synchronized void stop() {
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
