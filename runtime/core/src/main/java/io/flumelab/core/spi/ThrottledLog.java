package io.flumelab.core.spi;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning that a client can cause at will (a bad frame, a bad request) is logged at most once per
 * interval, so a flood of bad connections cannot flood the log or cost the agent its CPU. The next
 * warning after a quiet period says how many were left out in between.
 */
public final class ThrottledLog {

  /** The default interval: one warning of a kind per source every ten seconds. */
  public static final long DEFAULT_INTERVAL_MILLIS = TimeUnit.SECONDS.toMillis(10);

  private final Logger logger;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong nextAllowedNanos;
  private final AtomicLong suppressed = new AtomicLong();

  public ThrottledLog(Logger logger) {
    this(logger, DEFAULT_INTERVAL_MILLIS, System::nanoTime);
  }

  ThrottledLog(Logger logger, long intervalMillis, LongSupplier nanoClock) {
    this.logger = logger;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    this.nanoClock = nanoClock;
    this.nextAllowedNanos = new AtomicLong(nanoClock.getAsLong());
  }

  /**
   * Logs the warning if none was logged in the interval, else counts it. Arguments follow SLF4J's
   * {@code {}} placeholders; wire values among them belong in {@link WireText#quote}.
   */
  public void warn(String format, Object... arguments) {
    long now = nanoClock.getAsLong();
    long next = nextAllowedNanos.get();
    if (now - next < 0 || !nextAllowedNanos.compareAndSet(next, now + intervalNanos)) {
      suppressed.incrementAndGet();
      return;
    }
    long left = suppressed.getAndSet(0);
    if (left > 0) {
      logger.warn(format + " ({} similar warnings in the last {} s not logged)",
          append(arguments, left, TimeUnit.NANOSECONDS.toSeconds(intervalNanos)));
    } else {
      logger.warn(format, arguments);
    }
  }

  /** How many warnings were counted and not logged since the last one that was. */
  public long suppressed() {
    return suppressed.get();
  }

  private static Object[] append(Object[] arguments, Object... more) {
    // A trailing Throwable stays last so SLF4J still prints it as the cause.
    boolean throwable = arguments.length > 0
        && arguments[arguments.length - 1] instanceof Throwable;
    int plain = throwable ? arguments.length - 1 : arguments.length;
    Object[] all = new Object[arguments.length + more.length];
    System.arraycopy(arguments, 0, all, 0, plain);
    System.arraycopy(more, 0, all, plain, more.length);
    if (throwable) {
      all[all.length - 1] = arguments[arguments.length - 1];
    }
    return all;
  }
}
