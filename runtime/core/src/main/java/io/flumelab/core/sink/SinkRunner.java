package io.flumelab.core.sink;

import io.flumelab.api.Channel;
import io.flumelab.api.LifecycleAware;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;
import io.flumelab.core.lifecycle.Backoff;
import io.flumelab.core.spi.SinkProcessor;
import io.flumelab.core.spi.WaitableChannel;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a sink processor in a loop on a thread of its own. After BACKOFF it pauses: if the channel
 * is empty it waits for the next commit (an idle sink reacts at once instead of after a timer); if
 * events were committed just after the sink looked, it calls again at once; if the sink keeps
 * backing off, or throws, while events wait, it sleeps a growing backoff so a dead downstream is
 * not hammered.
 *
 * <p>Stopping is graceful: the loop is asked to finish, may drain the channel for a while, and is
 * never interrupted inside a transaction unless it overruns its deadline.
 */
public class SinkRunner implements LifecycleAware {

  static final long BACKOFF_INCREMENT_MS = 1000;
  static final long MAX_BACKOFF_MS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(SinkRunner.class);

  private final String name;
  private final SinkProcessor processor;
  private final long backoffIncrementMillis;
  private final long maxBackoffMillis;
  private volatile boolean running;
  private volatile long drainDeadlineNanos;
  private volatile LifecycleState state = LifecycleState.IDLE;
  private Thread thread;
  // stop() interrupts the loop only while it pauses, never inside a sink's transaction
  private final Object pauseLock = new Object();
  private boolean pausing;

  public SinkRunner(String name, SinkProcessor processor) {
    this(name, processor, BACKOFF_INCREMENT_MS, MAX_BACKOFF_MS);
  }

  SinkRunner(String name, SinkProcessor processor, long backoffIncrementMillis, long maxBackoffMillis) {
    this.name = name;
    this.processor = processor;
    this.backoffIncrementMillis = backoffIncrementMillis;
    this.maxBackoffMillis = maxBackoffMillis;
  }

  public String getName() {
    return name;
  }

  public SinkProcessor getProcessor() {
    return processor;
  }

  @Override
  public synchronized void start() {
    processor.start();
    running = true;
    thread = new Thread(this::runLoop, "SinkRunner-" + name);
    thread.start();
    state = LifecycleState.START;
  }

  private void runLoop() {
    Backoff backoff = new Backoff(backoffIncrementMillis, maxBackoffMillis);
    while (running || System.nanoTime() < drainDeadlineNanos) {
      try {
        Sink.Status status = processor.process();
        if (status == Sink.Status.READY) {
          backoff.reset();
        } else if (!running) {
          return; // draining, and nothing more to take
        } else {
          pause(backoff);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (!running) {
          return;
        }
        long pause = backoff.next();
        LOG.error("Sink {} could not deliver events; trying again in {} ms", name, pause, e);
        try {
          TimeUnit.MILLISECONDS.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void pause(Backoff backoff) throws InterruptedException {
    synchronized (pauseLock) {
      if (!running) {
        return;
      }
      pausing = true;
    }
    try {
      waitForEventsOrSleep(backoff);
    } finally {
      synchronized (pauseLock) {
        pausing = false;
      }
    }
  }

  private void waitForEventsOrSleep(Backoff backoff) throws InterruptedException {
    long pause = backoff.next();
    Channel channel = firstChannel();
    if (channel instanceof WaitableChannel waitable) {
      if (!waitable.awaitEvents(0)) {
        // empty: wake at the next commit
        backoff.reset();
        waitable.awaitEvents(pause);
        return;
      }
      if (backoff.consecutive() == 1) {
        return; // events were committed just after the sink looked: look again at once
      }
    }
    // the sink keeps backing off although events wait: it is failing, so do not hammer it
    TimeUnit.MILLISECONDS.sleep(pause);
  }

  private Channel firstChannel() {
    return processor.getSinks().isEmpty() ? null : processor.getSinks().get(0).getChannel();
  }

  @Override
  public void stop() {
    stop(0);
  }

  /**
   * Stops after the sinks have drained their channel, for up to {@code drainMillis}; the
   * transaction in progress always completes. Events still in the channel after that stay there.
   */
  public synchronized void stop(long drainMillis) {
    drainDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
    synchronized (pauseLock) {
      running = false;
      if (pausing && thread != null) {
        thread.interrupt(); // it waits for events; draining found none, so it may end now
      }
    }
    if (thread != null) {
      try {
        thread.join(drainMillis + TimeUnit.SECONDS.toMillis(5));
        if (thread.isAlive()) {
          LOG.warn("Sink runner {} is still delivering after its drain time; interrupting it", name);
          thread.interrupt();
          thread.join(TimeUnit.SECONDS.toMillis(5));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processor.stop();
    state = LifecycleState.STOP;
  }

  @Override
  public LifecycleState getLifecycleState() {
    return state == LifecycleState.START && processor.getLifecycleState() == LifecycleState.ERROR
        ? LifecycleState.ERROR : state;
  }
}
