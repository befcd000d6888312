package io.flumelab.core.sink;

import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.SinkProcessor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A processor of a sink group: holds the group's sinks and starts and stops them all. */
public abstract class AbstractSinkProcessor implements SinkProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(AbstractSinkProcessor.class);

  private List<Sink> sinks = List.of();
  private volatile LifecycleState state = LifecycleState.IDLE;

  @Override
  public void setSinks(List<Sink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public List<Sink> getSinks() {
    return sinks;
  }

  /** Starts every sink; one that fails to start stops the ones started before it. */
  @Override
  public void start() {
    for (int i = 0; i < sinks.size(); i++) {
      try {
        sinks.get(i).start();
      } catch (RuntimeException e) {
        sinks.subList(0, i).forEach(AbstractSinkProcessor::stopQuietly);
        throw e;
      }
    }
    state = LifecycleState.START;
  }

  /** Stops every sink, even if one of them fails to stop. */
  @Override
  public void stop() {
    sinks.forEach(AbstractSinkProcessor::stopQuietly);
    state = LifecycleState.STOP;
  }

  private static void stopQuietly(Sink sink) {
    try {
      sink.stop();
    } catch (RuntimeException e) {
      LOG.warn("Sink {} failed to stop", sink.getName(), e);
    }
  }

  @Override
  public LifecycleState getLifecycleState() {
    return state;
  }

  /** "k1, k2": for messages. */
  protected String sinkNames() {
    return String.join(", ", sinks.stream().map(Sink::getName).toList());
  }
}
