package io.flumelab.core.sink;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.SinkSelector;
import java.util.List;

/**
 * Base of sink selectors: keeps the sinks, the lifecycle and {@code maxTimeOut} (the longest a
 * failed sink is left out, in ms; 30000 by default). Failures are ignored unless a subclass uses
 * them.
 */
public abstract class AbstractSinkSelector implements SinkSelector {

  public static final String CONFIG_MAX_TIME_OUT = "maxTimeOut";
  public static final long DEFAULT_MAX_TIME_OUT_MILLIS = 30_000;

  private volatile LifecycleState state = LifecycleState.IDLE;
  private List<Sink> sinks = List.of();
  protected long maxTimeOut = DEFAULT_MAX_TIME_OUT_MILLIS;

  @Override
  public void configure(Context context) {
    long value = context.getLong(CONFIG_MAX_TIME_OUT, DEFAULT_MAX_TIME_OUT_MILLIS);
    if (value <= 0) {
      throw new ConfigurationException("selector." + CONFIG_MAX_TIME_OUT, "Sink selector: "
          + "selector.maxTimeOut must be 1 or more milliseconds, not " + value, "Set it to e.g. 30000");
    }
    maxTimeOut = value;
  }

  @Override
  public void setSinks(List<Sink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  protected List<Sink> getSinks() {
    return sinks;
  }

  @Override
  public void informSinkFailed(Sink failedSink) {
    // no backoff unless a subclass keeps track
  }

  @Override
  public void start() {
    state = LifecycleState.START;
  }

  @Override
  public void stop() {
    state = LifecycleState.STOP;
  }

  @Override
  public LifecycleState getLifecycleState() {
    return state;
  }
}
