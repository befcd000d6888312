package io.flumelab.core.source;

import io.flumelab.api.LifecycleState;
import io.flumelab.api.Source;

/** Starts and stops an event-driven source; the source brings its own threads. */
final class EventDrivenSourceRunner extends SourceRunner {

  private volatile LifecycleState state = LifecycleState.IDLE;

  EventDrivenSourceRunner(Source source) {
    super(source);
  }

  @Override
  public void start() {
    openChannelProcessor();
    try {
      getSource().start();
      state = LifecycleState.START;
    } catch (RuntimeException e) {
      state = LifecycleState.ERROR;
      closeChannelProcessor();
      throw e;
    }
  }

  @Override
  public void stop() {
    try {
      getSource().stop();
    } finally {
      closeChannelProcessor();
      state = LifecycleState.STOP;
    }
  }

  @Override
  public LifecycleState getLifecycleState() {
    return state == LifecycleState.START && getSource().getLifecycleState() == LifecycleState.ERROR
        ? LifecycleState.ERROR : state;
  }
}
