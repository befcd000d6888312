package io.flumelab.core.source;

import io.flumelab.api.ChannelProcessor;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.api.LifecycleAware;
import io.flumelab.api.PollableSource;
import io.flumelab.api.Source;

/**
 * Drives a source: an event-driven source runs on its own threads once started; a pollable source
 * needs a thread that calls it in a loop.
 */
public abstract class SourceRunner implements LifecycleAware {

  private final Source source;

  protected SourceRunner(Source source) {
    this.source = source;
  }

  public static SourceRunner forSource(Source source) {
    if (source instanceof PollableSource pollable) {
      return new PollableSourceRunner(pollable);
    }
    if (source instanceof EventDrivenSource) {
      return new EventDrivenSourceRunner(source);
    }
    throw new IllegalArgumentException("Source " + source.getName() + " (" + source.getClass().getName()
        + ") must implement PollableSource or EventDrivenSource");
  }

  public Source getSource() {
    return source;
  }

  /** Interceptors are initialised before the source can produce an event. */
  protected void openChannelProcessor() {
    ChannelProcessor processor = source.getChannelProcessor();
    if (processor != null) {
      processor.initialize();
    }
  }

  protected void closeChannelProcessor() {
    ChannelProcessor processor = source.getChannelProcessor();
    if (processor != null) {
      processor.close();
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{source:" + source.getName() + "}";
  }
}
