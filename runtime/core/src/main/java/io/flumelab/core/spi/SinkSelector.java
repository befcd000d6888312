package io.flumelab.core.spi;

import io.flumelab.api.Configurable;
import io.flumelab.api.LifecycleAware;
import io.flumelab.api.Sink;
import java.util.Iterator;
import java.util.List;

/**
 * The order in which a load_balance group tries its sinks, chosen anew for every call. A custom
 * selector is named by its class in {@code processor.selector}; it needs a public no-argument
 * constructor, receives the group's sinks, then is configured with the {@code processor.selector.*}
 * keys (prefix removed), and lives as long as the processor. Extend {@link AbstractSinkSelector}
 * to get the lifecycle and the sinks for free.
 */
public interface SinkSelector extends Configurable, LifecycleAware {

  void setSinks(List<Sink> sinks);

  /** The sinks to try for one call, in order; the processor stops at the first that succeeds. */
  Iterator<Sink> createSinkIterator();

  /** The sink threw; a backing-off selector leaves it out for a while. */
  void informSinkFailed(Sink failedSink);
}
