package io.flumelab.api;

/** Base for sinks: holds the name, the channel and the lifecycle state. */
public abstract class AbstractSink implements Sink {

  private volatile String name;
  private volatile Channel channel;
  private volatile LifecycleState lifecycleState = LifecycleState.IDLE;

  @Override
  public synchronized void start() {
    if (channel == null) {
      throw new IllegalStateException("Sink " + name + " has no channel");
    }
    lifecycleState = LifecycleState.START;
  }

  @Override
  public synchronized void stop() {
    lifecycleState = LifecycleState.STOP;
  }

  @Override
  public LifecycleState getLifecycleState() {
    return lifecycleState;
  }

  @Override
  public void setChannel(Channel channel) {
    this.channel = channel;
  }

  @Override
  public Channel getChannel() {
    return channel;
  }

  @Override
  public void setName(String name) {
    this.name = name;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{name:" + name + ",channel:"
        + (channel == null ? null : channel.getName()) + "}";
  }
}
