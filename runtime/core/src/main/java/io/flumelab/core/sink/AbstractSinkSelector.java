package io.flumelab.core.sink;

import io.flumelab.api.Context;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SinkSelector;
import java.util.List;

/**
 * Base of sink selectors: keeps the sinks, the lifecycle and {@code maxTimeOut}, read from the
 * selector's keys (the processor's {@code selector.*} keys, prefix removed). Failures are ignored
 * unless a subclass uses them.
 */
public abstract class AbstractSinkSelector implements SinkSelector {

  /** Declared here, where a selector reads it; the load_balance processor declares it prefixed. */
  static final Setting<Long> MAX_TIME_OUT = Setting.millis("maxTimeOut").defaultValue(30_000L)
      .check(Check.atLeast(1)).doc("the longest a failed sink is left out");

  private volatile LifecycleState state = LifecycleState.IDLE;
  private List<Sink> sinks = List.of();
  protected long maxTimeOut = MAX_TIME_OUT.defaultValue();

  @Override
  public void configure(Context context) {
    maxTimeOut = Settings.of(context, "Sink selector").get(MAX_TIME_OUT);
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
