package io.flumelab.core.lifecycle;

/**
 * A linear backoff: each consecutive failure adds one increment to the pause, up to a maximum;
 * a success resets it.
 */
public final class Backoff {

  private final long incrementMillis;
  private final long maxMillis;
  private long consecutive;

  public Backoff(long incrementMillis, long maxMillis) {
    if (incrementMillis <= 0 || maxMillis < incrementMillis) {
      throw new IllegalArgumentException(
          "backoff increment " + incrementMillis + " ms and maximum " + maxMillis + " ms");
    }
    this.incrementMillis = incrementMillis;
    this.maxMillis = maxMillis;
  }

  /** The pause to take after one more consecutive failure. */
  public long next() {
    consecutive++;
    return Math.min(consecutive * incrementMillis, maxMillis);
  }

  public void reset() {
    consecutive = 0;
  }

  public long consecutive() {
    return consecutive;
  }
}
