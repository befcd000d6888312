package io.flumelab.filechannel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The open segments by id, oldest first. Readers look segments up without a lock: the array is
 * replaced, never changed, when a segment is added (at the new end) or deleted (at the old end),
 * which happens once per segment, not per event.
 */
final class SegmentTable {

  private volatile Segment[] segments = new Segment[0];
  /**
   * Bumped each time the writer cuts a failed write off a segment: the bytes at those offsets
   * will differ, so a reader's read-ahead of them is stale.
   */
  private volatile long truncations;

  long truncations() {
    return truncations;
  }

  /** Called by the writer after it cut a segment back; one writer, so no lost update. */
  void truncated() {
    truncations++;
  }

  /** The segment with this id, or null when there is none (deleted, or never existed). */
  Segment find(int id) {
    Segment[] current = segments;
    int low = 0;
    int high = current.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int middleId = current[middle].id;
      if (middleId < id) {
        low = middle + 1;
      } else if (middleId > id) {
        high = middle - 1;
      } else {
        return current[middle];
      }
    }
    return null;
  }

  synchronized void add(Segment segment) {
    Segment[] current = segments;
    if (current.length > 0 && current[current.length - 1].id >= segment.id) {
      throw new IllegalStateException(segment + " is not newer than "
          + current[current.length - 1]);
    }
    Segment[] grown = Arrays.copyOf(current, current.length + 1);
    grown[current.length] = segment;
    segments = grown;
  }

  /** Removes the oldest segment, which must be {@code segment}. */
  synchronized void removeOldest(Segment segment) {
    Segment[] current = segments;
    if (current.length == 0 || current[0] != segment) {
      throw new IllegalStateException(segment + " is not the oldest segment");
    }
    segments = Arrays.copyOfRange(current, 1, current.length);
  }

  List<Segment> all() {
    return List.of(segments);
  }

  /** Closes every segment; the first failure is thrown after all were tried. */
  synchronized void closeAll() throws IOException {
    IOException first = null;
    for (Segment segment : segments) {
      try {
        segment.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    segments = new Segment[0];
    if (first != null) {
      throw first;
    }
  }

  /** Ids of the segments, for messages. */
  List<Integer> ids() {
    List<Integer> ids = new ArrayList<>();
    for (Segment segment : segments) {
      ids.add(segment.id);
    }
    return ids;
  }
}
