package io.flumelab.api;

/** Produces events and hands them to its {@link ChannelProcessor}. */
public interface Source extends LifecycleAware, NamedComponent {

  void setChannelProcessor(ChannelProcessor channelProcessor);

  ChannelProcessor getChannelProcessor();
}
