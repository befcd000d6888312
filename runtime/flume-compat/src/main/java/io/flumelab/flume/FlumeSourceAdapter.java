package io.flumelab.flume;

import io.flumelab.api.ChannelProcessor;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.FlumeException;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Source;

/**
 * A Flume source run as one of ours. The agent's channel processor (interceptors, selector, one
 * transaction per channel) stays ours; the Flume source writes to it through a
 * {@link BridgeChannelProcessor}. Every call into the plugin runs with its class loader as the
 * thread's context class loader.
 */
abstract class FlumeSourceAdapter implements Source, Configurable {

  final org.apache.flume.Source flume;
  private volatile ChannelProcessor processor;

  FlumeSourceAdapter(org.apache.flume.Source flume) {
    this.flume = flume;
  }

  /** The Flume source itself. */
  org.apache.flume.Source flume() {
    return flume;
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

  @Override
  public void configure(Context context) {
    FlumeContexts.configure(flume, context);
  }

  /**
   * Keeps ours (the agent's runner initialises and closes its interceptors through
   * {@link #getChannelProcessor()}) and gives the Flume source a bridge to it.
   */
  @Override
  public void setChannelProcessor(ChannelProcessor channelProcessor) {
    this.processor = channelProcessor;
    BridgeChannelProcessor bridge = new BridgeChannelProcessor(channelProcessor,
        SelectorView.of(channelProcessor));
    try (Tccl t = Tccl.of(flume)) {
      flume.setChannelProcessor(bridge);
    }
  }

  @Override
  public ChannelProcessor getChannelProcessor() {
    return processor;
  }

  /**
   * Starts the Flume source. Flume's {@code BasicSourceSemantics} logs a failed start and only
   * sets ERROR, so that state is turned into an exception here: the agent then retries the start
   * with backoff, as it does for its own sources. A source that stays IDLE (one that never calls
   * {@code super.start()}) has started, as on Flume.
   */
  @Override
  public void start() {
    org.apache.flume.lifecycle.LifecycleState state;
    try (Tccl t = Tccl.of(flume)) {
      flume.start();
      state = flume.getLifecycleState();
    }
    if (state == org.apache.flume.lifecycle.LifecycleState.ERROR) {
      throw new FlumeException("source " + getName() + " (" + flume.getClass().getName()
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

  /** The batch size of a Flume source implementing Flume's {@code BatchSizeSupported}. */
  long flumeBatchSize() {
    try (Tccl t = Tccl.of(flume)) {
      return ((org.apache.flume.conf.BatchSizeSupported) flume).getBatchSize();
    }
  }

  @Override
  public String toString() {
    return flume.toString();
  }
}
