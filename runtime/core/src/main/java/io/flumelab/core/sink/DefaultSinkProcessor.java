package io.flumelab.core.sink;

import static io.flumelab.core.spi.ComponentKind.SINK_PROCESSOR;

import io.flumelab.api.Context;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.SinkProcessor;
import java.util.List;

/** The processor of a sink that is in no group: it passes every call to its one sink. */
public class DefaultSinkProcessor implements SinkProcessor {

  /** The {@code default} type: it has no keys. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(SINK_PROCESSOR, "default",
          DefaultSinkProcessor.class)
      .flumeClass("org.apache.flume.sink.DefaultSinkProcessor")
      .build();

  private Sink sink;
  private volatile LifecycleState state = LifecycleState.IDLE;

  @Override
  public void setSinks(List<Sink> sinks) {
    if (sinks.size() != 1) {
      throw new IllegalArgumentException("The default sink processor drives exactly one sink, not "
          + sinks.size() + "; put several sinks in a sink group with a failover or load_balance processor");
    }
    this.sink = sinks.get(0);
  }

  @Override
  public List<Sink> getSinks() {
    return List.of(sink);
  }

  @Override
  public void configure(Context context) {
    // nothing to configure
  }

  @Override
  public Sink.Status process() throws EventDeliveryException {
    return sink.process();
  }

  @Override
  public void start() {
    sink.start();
    state = LifecycleState.START;
  }

  @Override
  public void stop() {
    sink.stop();
    state = LifecycleState.STOP;
  }

  @Override
  public LifecycleState getLifecycleState() {
    return state == LifecycleState.START && sink.getLifecycleState() == LifecycleState.ERROR
        ? LifecycleState.ERROR : state;
  }
}
