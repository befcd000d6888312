package io.flumelab.core.source;

import io.flumelab.api.LifecycleState;
import io.flumelab.api.PollableSource;
import io.flumelab.core.lifecycle.Backoff;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a pollable source in a loop on a thread of its own, pausing with a growing backoff while it
 * returns BACKOFF or throws. A source that reports 0 for its backoff settings gets the defaults
 * rather than a busy loop.
 */
final class PollableSourceRunner extends SourceRunner {

  static final long DEFAULT_BACKOFF_INCREMENT_MS = 1000;
  static final long DEFAULT_MAX_BACKOFF_MS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(PollableSourceRunner.class);

  private final PollableSource source;
  private volatile boolean running;
  private volatile LifecycleState state = LifecycleState.IDLE;
  private Thread thread;

  PollableSourceRunner(PollableSource source) {
    super(source);
    this.source = source;
  }

  @Override
  public synchronized void start() {
    openChannelProcessor();
    try {
      source.start();
    } catch (RuntimeException e) {
      state = LifecycleState.ERROR;
      closeChannelProcessor();
      throw e;
    }
    running = true;
    thread = new Thread(this::pollLoop, "PollableSourceRunner-" + source.getName());
    thread.start();
    state = LifecycleState.START;
  }

  private void pollLoop() {
    long increment = source.getBackOffSleepIncrement() > 0
        ? source.getBackOffSleepIncrement() : DEFAULT_BACKOFF_INCREMENT_MS;
    long max = Math.max(increment, source.getMaxBackOffSleepInterval() > 0
        ? source.getMaxBackOffSleepInterval() : DEFAULT_MAX_BACKOFF_MS);
    Backoff backoff = new Backoff(increment, max);
    while (running) {
      try {
        if (source.process() == PollableSource.Status.READY) {
          backoff.reset();
        } else {
          TimeUnit.MILLISECONDS.sleep(backoff.next());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (!running) {
          // the stop interrupted process(): a client library's wrapped InterruptedException, say
          LOG.debug("Source {} ended by the stop: {}", source.getName(), e.toString());
          return;
        }
        long pause = backoff.next();
        LOG.error("Source {} failed; calling it again in {} ms", source.getName(), pause, e);
        try {
          TimeUnit.MILLISECONDS.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        LOG.warn("Source {} did not return from process() within 10 s of the stop", source.getName());
      }
    }
    try {
      source.stop();
    } finally {
      closeChannelProcessor();
      state = LifecycleState.STOP;
    }
  }

  @Override
  public LifecycleState getLifecycleState() {
    return state;
  }
}
