package io.flumelab.api;

/** Base for sinks: holds the name, the channel and the lifecycle state. */
public abstract class AbstractSink extends AbstractLifecycleComponent implements Sink {

  private volatile Channel channel;

  @Override
  public synchronized void start() {
    if (channel == null) {
      throw new IllegalStateException("Sink " + getName() + " has no channel");
    }
    super.start();
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
  public String toString() {
    return getClass().getSimpleName() + "{name:" + getName() + ",channel:"
        + (channel == null ? null : channel.getName()) + "}";
  }
}
