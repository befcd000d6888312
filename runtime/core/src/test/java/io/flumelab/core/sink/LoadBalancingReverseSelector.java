package io.flumelab.core.sink;

import io.flumelab.api.Context;
import io.flumelab.api.Sink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** A custom selector for the tests: tries the sinks last to first; keeps the keys it was given. */
public class LoadBalancingReverseSelector extends AbstractSinkSelector {

  Context context;

  @Override
  public void configure(Context context) {
    this.context = context;
  }

  @Override
  public Iterator<Sink> createSinkIterator() {
    List<Sink> reversed = new ArrayList<>(getSinks());
    Collections.reverse(reversed);
    return reversed.iterator();
  }
}
