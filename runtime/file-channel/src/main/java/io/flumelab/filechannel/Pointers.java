package io.flumelab.filechannel;

/**
 * Where an event's PUT record is: a segment id and a byte offset in that segment, packed into one
 * {@code long} so the queue holds a primitive per event, not an object. Segment ids and offsets
 * are both below 2^31, so each half is a non-negative int, and pointers order as the log does.
 */
final class Pointers {

  private Pointers() {}

  static long of(int segmentId, int offset) {
    return ((long) segmentId << 32) | (offset & 0xFFFF_FFFFL);
  }

  static int segment(long pointer) {
    return (int) (pointer >>> 32);
  }

  static int offset(long pointer) {
    return (int) pointer;
  }

  /** As messages show it: {@code log-3 @ 4096}. */
  static String describe(long pointer) {
    return SegmentFiles.name(segment(pointer)) + " @ " + offset(pointer);
  }
}
