package io.flumelab.filechannel;

import java.util.Arrays;

/**
 * The pointers one transaction moved from the queue: {@code [0, fetched)} moved, of which
 * {@code [0, handedOut)} were returned by take(). The queue fills it in chunks under its lock and
 * reads it for a checkpoint (taken-but-uncommitted events go back to the head there), so
 * {@code pointers} and {@code fetched} change only under that lock.
 */
final class TakeList {

  long[] pointers = new long[128];
  int fetched;
  int handedOut;

  /** Makes room for {@code more} pointers after the fetched ones, before the queue fills them. */
  void reserve(int more) {
    if (fetched + more > pointers.length) {
      pointers = Arrays.copyOf(pointers, Math.max(fetched + more, pointers.length * 2));
    }
  }

  boolean exhausted() {
    return handedOut == fetched;
  }

  long next() {
    return pointers[handedOut++];
  }

  int leftovers() {
    return fetched - handedOut;
  }
}
