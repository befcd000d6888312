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

/**
 * Discards events: takes a batch per transaction and commits. Used to measure sources and channels
 * without a real destination.
 *
 * <p>As in Flume, {@code batchSize} must not exceed the channel's transactionCapacity; a take
 * beyond it fails, and the error says so.
 */
public class NullSink extends BatchSink implements Configurable {

  static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize").defaultValue(100)
      .check(Check.atLeast(1)).doc("events per channel transaction");

  public static final ComponentSpec SPEC = ComponentSpec.builder(SINK, "null", NullSink.class)
      .flumeClass("org.apache.flume.sink.NullSink")
      .batch(BATCH_SIZE)
      .build();


  public NullSink() {
    super(BATCH_SIZE);
  }

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    configureBatch(settings);
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
