package io.flumelab.flume;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.EventDrivenSource;

/**
 * A Flume {@code EventDrivenSource}: it brings its own threads, started in {@code start()}, which
 * inherit the plugin's class loader as their context class loader.
 */
class FlumeEventDrivenSource extends FlumeSourceAdapter implements EventDrivenSource {

  FlumeEventDrivenSource(org.apache.flume.EventDrivenSource flume) {
    super(flume);
  }

  /** One whose class also implements Flume's {@code BatchSizeSupported}. */
  static final class Batched extends FlumeEventDrivenSource implements BatchSizeSupported {

    Batched(org.apache.flume.EventDrivenSource flume) {
      super(flume);
    }

    @Override
    public long getBatchSize() {
      return flumeBatchSize();
    }
  }
}
