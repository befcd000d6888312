package io.flumelab.filechannel;

import java.util.Arrays;

/**
 * A double-ended queue of pointers in a circular {@code long[]} that doubles when full: the
 * channel's queue. Adding at the head serves rollbacks, which return events where they were.
 * Not thread-safe; the channel guards it with its lock.
 */
final class PointerRing {

  private long[] slots;
  private int head;
  private int size;

  PointerRing(int initialLength) {
    slots = new long[Math.max(2, Integer.highestOneBit(Math.max(1, initialLength - 1)) << 1)];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void addLast(long pointer) {
    ensureRoom(1);
    slots[(head + size) & (slots.length - 1)] = pointer;
    size++;
  }

  /** Puts {@code source[from, from + count)} at the head, keeping their order. */
  void addFirst(long[] source, int from, int count) {
    ensureRoom(count);
    int mask = slots.length - 1;
    for (int i = from + count - 1; i >= from; i--) {
      head = (head - 1) & mask;
      slots[head] = source[i];
    }
    size += count;
  }

  /** Moves up to {@code max} pointers from the head to {@code target[from...]}: how many moved. */
  int pollFirst(long[] target, int from, int max) {
    int count = Math.min(max, size);
    int mask = slots.length - 1;
    for (int i = 0; i < count; i++) {
      target[from + i] = slots[head];
      head = (head + 1) & mask;
    }
    size -= count;
    return count;
  }

  long peekFirst() {
    if (size == 0) {
      throw new IllegalStateException("empty");
    }
    return slots[head];
  }

  long pollFirst() {
    long pointer = peekFirst();
    head = (head + 1) & (slots.length - 1);
    size--;
    return pointer;
  }

  /** The pointers from head to tail, copied. */
  long[] toArray() {
    long[] copy = new long[size];
    copyTo(copy, 0);
    return copy;
  }

  /** Copies the pointers from head to tail into {@code target[from...]}. */
  void copyTo(long[] target, int from) {
    int mask = slots.length - 1;
    for (int i = 0; i < size; i++) {
      target[from + i] = slots[(head + i) & mask];
    }
  }

  private void ensureRoom(int more) {
    if (size + more <= slots.length) {
      return;
    }
    long needed = (long) size + more;
    if (needed > 1 << 30) {
      throw new IllegalStateException("a queue of " + needed + " events is beyond this channel");
    }
    long[] grown = new long[Integer.highestOneBit((int) needed - 1) << 1];
    copyTo(grown, 0);
    Arrays.fill(slots, 0);
    slots = grown;
    head = 0;
  }
}
