package io.flumelab.flume;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.Channel;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.FlumeException;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;

/**
 * A Flume sink run as one of ours. It takes from a {@link ChannelView} of the agent's channel;
 * {@link #getChannel()} answers the agent's channel itself, so the sink runner still waits on it
 * while it is empty. Every call into the plugin runs with its class loader as the thread's
 * context class loader.
 */
class FlumeSinkAdapter implements Sink, Configurable {

  private final org.apache.flume.Sink flume;
  private volatile Channel channel;

  FlumeSinkAdapter(org.apache.flume.Sink flume) {
    this.flume = flume;
  }

  /** The Flume sink itself. */
  org.apache.flume.Sink flume() {
    return flume;
  }

  @Override
  public void setChannel(Channel channel) {
    this.channel = channel;
    ChannelView view = channel == null ? null : new ChannelView(channel);
    try (Tccl t = Tccl.of(flume)) {
      flume.setChannel(view);
    }
  }

  @Override
  public Channel getChannel() {
    return channel;
  }

  @Override
  public void configure(Context context) {
    FlumeContexts.configure(flume, context);
  }

  @Override
  public Status process() throws EventDeliveryException {
    org.apache.flume.Sink.Status status;
    try (Tccl t = Tccl.of(flume)) {
      status = flume.process();
    } catch (org.apache.flume.EventDeliveryException e) {
      throw FlumeErrors.toOurs(e);
    }
    if (status == null) {
      throw new EventDeliveryException("process() of sink " + getName() + " ("
          + flume.getClass().getName() + ") returned null instead of READY or BACKOFF");
    }
    return status == org.apache.flume.Sink.Status.READY ? Status.READY : Status.BACKOFF;
  }

  @Override
  public void setName(String name) {
    try (Tccl t = Tccl.of(flume)) {
      flume.setName(name);
    }
  }

  @Override
  public String getName() {
    try (Tccl t = Tccl.of(flume)) {
      return flume.getName();
    }
  }

  /** Starts the Flume sink; one left in ERROR did not start (the agent retries with backoff). */
  @Override
  public void start() {
    org.apache.flume.lifecycle.LifecycleState state;
    try (Tccl t = Tccl.of(flume)) {
      flume.start();
      state = flume.getLifecycleState();
    }
    if (state == org.apache.flume.lifecycle.LifecycleState.ERROR) {
      throw new FlumeException("sink " + getName() + " (" + flume.getClass().getName()
          + ") did not start: its state is ERROR; see the error it logged above");
    }
  }

  @Override
  public void stop() {
    try (Tccl t = Tccl.of(flume)) {
      flume.stop();
    }
  }

  @Override
  public LifecycleState getLifecycleState() {
    try (Tccl t = Tccl.of(flume)) {
      return LifecycleStates.toOurs(flume.getLifecycleState());
    }
  }

  @Override
  public String toString() {
    return flume.toString();
  }

  /** One whose class also implements Flume's {@code BatchSizeSupported}. */
  static final class Batched extends FlumeSinkAdapter implements BatchSizeSupported {

    Batched(org.apache.flume.Sink flume) {
      super(flume);
    }

    @Override
    public long getBatchSize() {
      try (Tccl t = Tccl.of(flume())) {
        return ((org.apache.flume.conf.BatchSizeSupported) flume()).getBatchSize();
      }
    }
  }
}
