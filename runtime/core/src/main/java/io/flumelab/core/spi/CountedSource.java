package io.flumelab.core.spi;

import io.flumelab.api.AbstractSource;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.SourceCounter;

/**
 * Base of sources that keep Flume's source counters: the counter is created on first use (the
 * name is set after construction, so not in a constructor) and runs while the source does.
 * Subclasses call {@code super.start()} once they accept events and {@code super.stop()} after
 * they stopped accepting them.
 */
public abstract class CountedSource extends AbstractSource implements Counted {

  private volatile SourceCounter counter;

  /** How messages name this source, e.g. "Netcat source r1". */
  protected abstract String describe();

  @Override
  public SourceCounter getCounter() {
    SourceCounter c = counter;
    if (c == null) {
      synchronized (this) {
        if (counter == null) {
          counter = new SourceCounter(getName());
        }
        c = counter;
      }
    }
    return c;
  }

  /** Throws unless the source has a channel processor, is configured and is not running yet. */
  protected void requireStartable(boolean running, boolean configured) {
    if (getChannelProcessor() == null) {
      throw new IllegalStateException(describe() + " has no channel processor");
    }
    if (running) {
      throw new IllegalStateException(describe() + " is already started");
    }
    if (!configured) {
      throw new IllegalStateException(describe() + " is not configured");
    }
  }

  @Override
  public synchronized void start() {
    getCounter().start();
    super.start();
  }

  @Override
  public synchronized void stop() {
    getCounter().stop();
    super.stop();
  }
}
