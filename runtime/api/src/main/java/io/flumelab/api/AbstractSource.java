package io.flumelab.api;

/** Base for sources: holds the name, the channel processor and the lifecycle state. */
public abstract class AbstractSource extends AbstractLifecycleComponent implements Source {

  private volatile ChannelProcessor channelProcessor;

  @Override
  public synchronized void start() {
    if (channelProcessor == null) {
      throw new IllegalStateException("Source " + getName() + " has no channel processor");
    }
    super.start();
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
  public String toString() {
    return getClass().getSimpleName() + "{name:" + getName() + ",state:" + getLifecycleState()
        + "}";
  }
}
