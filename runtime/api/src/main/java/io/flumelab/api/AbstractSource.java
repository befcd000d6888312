package io.flumelab.api;

/** Base for sources: holds the name, the channel processor and the lifecycle state. */
public abstract class AbstractSource implements Source {

  private volatile String name;
  private volatile ChannelProcessor channelProcessor;
  private volatile LifecycleState lifecycleState = LifecycleState.IDLE;

  @Override
  public synchronized void start() {
    if (channelProcessor == null) {
      throw new IllegalStateException("Source " + name + " has no channel processor");
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
  public void setChannelProcessor(ChannelProcessor channelProcessor) {
    this.channelProcessor = channelProcessor;
  }

  @Override
  public ChannelProcessor getChannelProcessor() {
    return channelProcessor;
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
    return getClass().getSimpleName() + "{name:" + name + ",state:" + lifecycleState + "}";
  }
}
