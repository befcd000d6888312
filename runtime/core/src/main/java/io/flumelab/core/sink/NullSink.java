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

/**
 * Discards events: takes up to {@code batchSize} (default 100) per transaction and commits. Used to
 * measure sources and channels without a real destination.
 *
 * <p>As in Flume, {@code batchSize} must not exceed the channel's transactionCapacity; a take
 * beyond it fails, and the error says so.
 */
public class NullSink extends BatchSink implements Configurable {

  /** The {@code null} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SINK, "null", NullSink.class)
      .flumeClass("org.apache.flume.sink.NullSink")
      .batch(Setting.integer("batchSize").defaultValue(100))
      .build();


  public static final String CONFIG_BATCH_SIZE = "batchSize";
  public static final int DEFAULT_BATCH_SIZE = 100;

  private int batchSize = DEFAULT_BATCH_SIZE;

  @Override
  public void configure(Context context) {
    int value = context.getInteger(CONFIG_BATCH_SIZE, DEFAULT_BATCH_SIZE);
    if (value < 1) {
      throw new ConfigurationException(CONFIG_BATCH_SIZE,
          "Null sink " + getName() + ": batchSize must be 1 or more, not " + value,
          "Set batchSize to at most the channel's transactionCapacity, e.g. 100");
    }
    batchSize = value;
  }

  /** Events per transaction; the configuration checks it against the channel's transactionCapacity. */
  public int getBatchSize() {
    return batchSize;
  }

  @Override
  protected int batchSize() {
    return batchSize;
  }

  @Override
  protected void deliver(List<Event> events) {
    // discarded by design
  }

  @Override
  protected String describe() {
    return "Null sink " + getName();
  }
}
