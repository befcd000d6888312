package io.flumelab.core.sink;

import io.flumelab.api.Sink;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Which sinks a backing-off selector leaves out, and until when. A failure leaves a sink out for
 * 2 s, doubling with each failure that follows within the last pause plus a 2 s grace, up to
 * {@code maxTimeOut}; a failure after a quiet spell starts again at 2 s. The rule is Flume's.
 */
final class SinkSelectorBackoff {

  private static final long UNIT_MILLIS = 1000;
  private static final long GRACE_MILLIS = 2000;
  private static final int MAX_DOUBLINGS = 16;

  private final Map<Sink, State> states = new IdentityHashMap<>();
  private final long maxTimeOutMillis;
  private final LongSupplier millisClock;

  SinkSelectorBackoff(long maxTimeOutMillis, LongSupplier millisClock) {
    this.maxTimeOutMillis = maxTimeOutMillis;
    this.millisClock = millisClock;
  }

  synchronized void failed(Sink sink) {
    State state = states.computeIfAbsent(sink, s -> new State());
    long now = millisClock.getAsLong();
    boolean sequential = state.failures > 0 && now - state.lastFailure < pause(state.failures) + GRACE_MILLIS;
    state.failures = sequential ? Math.min(state.failures + 1, MAX_DOUBLINGS) : 1;
    state.lastFailure = now;
    state.restoreAt = now + pause(state.failures);
  }

  synchronized boolean isAvailable(Sink sink) {
    State state = states.get(sink);
    return state == null || millisClock.getAsLong() >= state.restoreAt;
  }

  private long pause(int failures) {
    return Math.min(maxTimeOutMillis, UNIT_MILLIS << failures);
  }

  private static final class State {
    int failures;
    long lastFailure;
    long restoreAt;
  }
}
