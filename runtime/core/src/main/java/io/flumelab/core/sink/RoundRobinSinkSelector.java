package io.flumelab.core.sink;

import io.flumelab.api.Sink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Starts each call at the next sink in turn, so batches spread evenly over the live sinks. */
public class RoundRobinSinkSelector extends BackingOffSinkSelector {

  private int next;

  public RoundRobinSinkSelector(boolean backoff) {
    this(backoff, BackingOffSinkSelector::monotonicMillis);
  }

  RoundRobinSinkSelector(boolean backoff, LongSupplier millisClock) {
    super(backoff, millisClock);
  }

  @Override
  List<Sink> order(List<Sink> available) {
    int size = available.size();
    if (size == 0) {
      return available;
    }
    int head = Math.floorMod(next++, size);
    List<Sink> ordered = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ordered.add(available.get((head + i) % size));
    }
    return ordered;
  }
}
