package io.flumelab.core.sink;

import io.flumelab.api.Context;
import io.flumelab.api.Sink;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Base of the built-in selectors: orders the sinks that are not backed off; with backoff on, a
 * sink that failed is left out (see {@link SinkSelectorBackoff}), with it off every sink is tried
 * on every call.
 */
abstract class BackingOffSinkSelector extends AbstractSinkSelector {

  private final boolean backoff;
  private final LongSupplier millisClock;
  private SinkSelectorBackoff backedOff;

  BackingOffSinkSelector(boolean backoff, LongSupplier millisClock) {
    this.backoff = backoff;
    this.millisClock = millisClock;
  }

  @Override
  public void configure(Context context) {
    super.configure(context);
    backedOff = new SinkSelectorBackoff(maxTimeOut, millisClock);
  }

  @Override
  public void informSinkFailed(Sink failedSink) {
    if (backoff) {
      backOff().failed(failedSink);
    }
  }

  @Override
  public Iterator<Sink> createSinkIterator() {
    List<Sink> sinks = getSinks();
    List<Sink> available = new ArrayList<>(sinks.size());
    for (Sink sink : sinks) {
      if (!backoff || backOff().isAvailable(sink)) {
        available.add(sink);
      }
    }
    return order(available).iterator();
  }

  /** The available sinks, in the order to try them for this call. */
  abstract List<Sink> order(List<Sink> available);

  private SinkSelectorBackoff backOff() {
    if (backedOff == null) {
      backedOff = new SinkSelectorBackoff(maxTimeOut, millisClock);
    }
    return backedOff;
  }

  static long monotonicMillis() {
    return System.nanoTime() / 1_000_000;
  }
}
