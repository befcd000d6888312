package io.flumelab.flume;

import io.flumelab.api.Sink;
import org.apache.flume.Channel;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.lifecycle.LifecycleState;

/**
 * Flume's view of one of the agent's sinks, for Flume sink selectors, which only order sinks: the
 * agent's sink processor starts, stops and names them, so those calls change nothing here.
 */
final class SinkView implements org.apache.flume.Sink {

  private final Sink ours;

  private SinkView(Sink ours) {
    this.ours = ours;
  }

  /** What a Flume selector sees of {@code sink}: the Flume sink itself if it wraps one. */
  static org.apache.flume.Sink of(Sink sink) {
    return sink instanceof FlumeSinkAdapter adapter ? adapter.flume() : new SinkView(sink);
  }

  @Override
  public Status process() throws EventDeliveryException {
    try {
      return ours.process() == Sink.Status.READY ? Status.READY : Status.BACKOFF;
    } catch (io.flumelab.api.EventDeliveryException e) {
      throw FlumeErrors.toFlume(e);
    }
  }

  @Override
  public Channel getChannel() {
    return ours.getChannel() == null ? null : new ChannelView(ours.getChannel());
  }

  @Override
  public void setChannel(Channel channel) {}

  @Override
  public void setName(String name) {}

  @Override
  public String getName() {
    return ours.getName();
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public LifecycleState getLifecycleState() {
    return LifecycleStates.toFlume(ours.getLifecycleState());
  }

  @Override
  public String toString() {
    return ours.toString();
  }
}
