package io.flumelab.filechannel;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The queue as replay rebuilds it: puts append, takes remove. A take nearly always removes the
 * head (events leave in the order they came), which costs nothing; one that does not is noted in a
 * set and removed when it reaches the head, or at the end.
 */
final class ReplayQueue {

  private final PointerRing ring;
  private final Set<Long> removedLater = new HashSet<>();

  ReplayQueue(long[] start) {
    ring = new PointerRing(Math.max(1024, start.length));
    for (long pointer : start) {
      ring.addLast(pointer);
    }
  }

  void add(long pointer) {
    ring.addLast(pointer);
  }

  void take(long pointer) {
    if (!ring.isEmpty() && ring.peekFirst() == pointer) {
      ring.pollFirst();
      while (!removedLater.isEmpty() && !ring.isEmpty() && removedLater.remove(ring.peekFirst())) {
        ring.pollFirst();
      }
    } else {
      // a take of an event further back, or of one whose put is older than the replay
      removedLater.add(pointer);
    }
  }

  /** The queue, head first. */
  long[] finish() {
    long[] all = ring.toArray();
    if (removedLater.isEmpty()) {
      return all;
    }
    long[] kept = new long[all.length];
    int count = 0;
    for (long pointer : all) {
      if (!removedLater.remove(pointer)) {
        kept[count++] = pointer;
      }
    }
    return Arrays.copyOf(kept, count);
  }
}
