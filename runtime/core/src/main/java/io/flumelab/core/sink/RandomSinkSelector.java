package io.flumelab.core.sink;

import io.flumelab.api.Sink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/** Tries the live sinks in a fresh random order on every call. */
public class RandomSinkSelector extends BackingOffSinkSelector {

  public RandomSinkSelector(boolean backoff) {
    this(backoff, BackingOffSinkSelector::monotonicMillis);
  }

  RandomSinkSelector(boolean backoff, LongSupplier millisClock) {
    super(backoff, millisClock);
  }

  @Override
  List<Sink> order(List<Sink> available) {
    List<Sink> shuffled = new ArrayList<>(available);
    Collections.shuffle(shuffled, ThreadLocalRandom.current());
    return shuffled;
  }
}
