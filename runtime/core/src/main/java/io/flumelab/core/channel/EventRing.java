package io.flumelab.core.channel;

import io.flumelab.api.Event;
import java.util.Arrays;

/**
 * A growable circular array of events with bulk operations, so MemoryChannel moves a whole batch
 * with one or two {@code System.arraycopy} calls instead of an insert per event. Not thread-safe:
 * the channel's lock guards it. The array length is a power of two so wrapping is a mask.
 */
final class EventRing {

  private static final int MAX_LENGTH = 1 << 30;

  private Event[] items;
  private int head;
  private int size;

  EventRing(int initialLength) {
    items = new Event[powerOfTwo(initialLength)];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Appends {@code src[from, from + count)} at the tail, in order. */
  void addLast(Event[] src, int from, int count) {
    ensureLength(size + count);
    int mask = items.length - 1;
    int tail = (head + size) & mask;
    int first = Math.min(count, items.length - tail);
    System.arraycopy(src, from, items, tail, first);
    System.arraycopy(src, from + first, items, 0, count - first);
    size += count;
  }

  /** Puts {@code src[from, from + count)} back at the head, so that {@code src[from]} is next. */
  void addFirst(Event[] src, int from, int count) {
    ensureLength(size + count);
    int mask = items.length - 1;
    int newHead = (head - count) & mask;
    int first = Math.min(count, items.length - newHead);
    System.arraycopy(src, from, items, newHead, first);
    System.arraycopy(src, from + first, items, 0, count - first);
    head = newHead;
    size += count;
  }

  /** Moves up to {@code max} events from the head into {@code dst[from...]}; returns how many. */
  int pollFirst(Event[] dst, int from, int max) {
    int count = Math.min(max, size);
    int first = Math.min(count, items.length - head);
    System.arraycopy(items, head, dst, from, first);
    Arrays.fill(items, head, head + first, null);
    System.arraycopy(items, 0, dst, from + first, count - first);
    Arrays.fill(items, 0, count - first, null);
    head = (head + count) & (items.length - 1);
    size -= count;
    return count;
  }

  /** Makes room for {@code extra} more events now, so the adds that follow cannot fail. */
  void reserve(int extra) {
    ensureLength(size + extra);
  }

  /** Grows before any change, so a failed allocation leaves the ring as it was. */
  private void ensureLength(int needed) {
    if (needed <= items.length) {
      return;
    }
    if (needed > MAX_LENGTH || needed < 0) {
      throw new IllegalStateException("A memory channel holds at most " + MAX_LENGTH + " events");
    }
    Event[] grown = new Event[powerOfTwo(needed)];
    int first = Math.min(size, items.length - head);
    System.arraycopy(items, head, grown, 0, first);
    System.arraycopy(items, 0, grown, first, size - first);
    items = grown;
    head = 0;
  }

  static int powerOfTwo(int n) {
    if (n >= MAX_LENGTH) {
      return MAX_LENGTH;
    }
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }
}
