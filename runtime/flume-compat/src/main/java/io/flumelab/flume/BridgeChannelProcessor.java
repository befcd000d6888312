package io.flumelab.flume;

import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.channel.ChannelProcessor;

/**
 * The channel processor a Flume source writes to: Flume's own class, every public method
 * overridden, so a plugin's {@code getChannelProcessor().processEventBatch(...)} lands in the
 * agent's channel processor (its interceptors, its selector, one transaction per channel).
 *
 * <p>Flume's interceptor chain and optional-channel thread pool are never used: the agent's
 * processor runs the interceptors, once, and writes optional channels itself. What it throws
 * reaches the source as Flume's exceptions ({@link FlumeErrors#toFlume(RuntimeException)}).
 */
final class BridgeChannelProcessor extends ChannelProcessor {

  private final io.flumelab.api.ChannelProcessor ours;

  /** {@code selector} is what {@link #getSelector()} returns: Flume's view of the agent's. */
  BridgeChannelProcessor(io.flumelab.api.ChannelProcessor ours, org.apache.flume.ChannelSelector selector) {
    super(selector);
    this.ours = ours;
  }

  /** The agent initialises its interceptors before it starts the source. */
  @Override
  public void initialize() {}

  /** The agent closes its interceptors after it stopped the source. */
  @Override
  public void close() {}

  /** The agent configured its processor from the source's keys already. */
  @Override
  public void configure(Context context) {}

  @Override
  public void processEvent(Event event) {
    if (event == null) {
      throw new NullPointerException("Event must not be null");
    }
    try {
      ours.processEvent(FlumeEvents.toOurs(event));
    } catch (RuntimeException e) {
      throw FlumeErrors.toFlume(e);
    }
  }

  @Override
  public void processEventBatch(List<Event> events) {
    if (events == null) {
      throw new NullPointerException("Event list must not be null");
    }
    try {
      ours.processEventBatch(FlumeEvents.toOurs(events));
    } catch (RuntimeException e) {
      throw FlumeErrors.toFlume(e);
    }
  }

  @Override
  public String toString() {
    return "BridgeChannelProcessor{" + ours + "}";
  }
}
