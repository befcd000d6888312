package io.flumelab.core.source.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body bytes one http source may hold at once, across all its connections. A body is
 * held whole until its events are committed (they go to the channels in one transaction), so
 * without a shared bound 16 clients sending 60 MB each made the agent hold about 1.5 GB.
 */
final class RequestBodyBudget {

  private final long limit;
  private final AtomicLong reserved = new AtomicLong();

  RequestBodyBudget(long limit) {
    this.limit = limit;
  }

  /** Takes {@code bytes} of the budget if they fit; all or nothing. */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = reserved.get();
      if (bytes > limit - now) {
        return false;
      }
      if (reserved.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    reserved.addAndGet(-bytes);
  }

  long limit() {
    return limit;
  }

  /** The bytes reserved now; for tests. */
  long reserved() {
    return reserved.get();
  }
}
