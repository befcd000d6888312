package io.flumelab.avro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bytes of frames an {@link AvroSource} holds while it reads them, across all its connections
 * ({@code maxReadBytes}): a connection that would go beyond it stops reading until frames are
 * handled and their bytes given back, so many clients sending big frames at once slow down
 * instead of exhausting the agent's memory.
 *
 * <p>Without care, connections could each hold part of a frame and all wait for bytes that only
 * finishing one of them would free. To rule that out one connection with a frame in progress is
 * the <em>lead</em>: the others are only given bytes while enough stays free for the lead to finish
 * a frame of the largest size allowed ({@code maxFrameBytes}, at most the budget). The lead can
 * therefore always go on (once frames already read are handled, which needs no budget), and when
 * it finishes, what it held is free for the next lead.
 *
 * <p>Readers run on the connections' I/O threads; the methods are synchronized (a call per chunk
 * read, not per byte) and a waiting reader is told to retry through {@link Reader#retry}.
 */
final class ReadBudget {

  /** One connection's frame reader, as the budget sees it. */
  interface Reader {
    /** Bytes may be free again: try again (called on any thread; the reader hops to its own). */
    void retry();
  }

  private final long limit;
  private final long maxFrameBytes;
  private long used;
  private long peak;
  private long waits;
  /** Bytes of frames in progress, per reader that has one (in the order they started). */
  private final Map<Reader, Long> inProgress = new LinkedHashMap<>();
  private Reader lead;
  private final Set<Reader> waiting = new LinkedHashSet<>();

  ReadBudget(long limit, long maxFrameBytes) {
    if (maxFrameBytes > limit) {
      throw new IllegalArgumentException("a frame limit of " + maxFrameBytes
          + " bytes is above the budget of " + limit);
    }
    this.limit = limit;
    this.maxFrameBytes = maxFrameBytes;
  }

  long limit() {
    return limit;
  }

  long maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Bytes held now. */
  synchronized long used() {
    return used;
  }

  /** The most bytes held at once since the source started. */
  synchronized long peak() {
    return peak;
  }

  /** How many times a reader had to stop reading for want of bytes. */
  synchronized long waits() {
    return waits;
  }

  /** How many readers wait for bytes. */
  synchronized int waitingReaders() {
    return waiting.size();
  }

  /**
   * Grants up to {@code wanted} bytes to the reader's frame in progress. Less than asked, possibly
   * nothing, means the reader must stop reading; it is told through {@link Reader#retry} when
   * bytes are given back.
   */
  synchronized long reserve(Reader reader, long wanted) {
    if (lead == null) {
      lead = reader;
    }
    long free = limit - used;
    if (reader != lead) {
      free -= maxFrameBytes - inProgress.getOrDefault(lead, 0L);
    }
    long granted = Math.max(0, Math.min(wanted, free));
    if (granted > 0) {
      used += granted;
      peak = Math.max(peak, used);
      inProgress.merge(reader, granted, Long::sum);
    }
    if (granted < wanted) {
      waits++;
      waiting.add(reader);
    }
    return granted;
  }

  /**
   * The reader's frame is complete: its bytes stay held (until {@link #release}) but no longer
   * count as a frame in progress, so another reader may lead.
   */
  synchronized void frameComplete(Reader reader) {
    inProgress.remove(reader);
    if (lead == reader) {
      lead = inProgress.isEmpty() ? null : inProgress.keySet().iterator().next();
    }
    wakeWaiting();
  }

  /** Gives back the bytes of a handled frame. */
  void release(long bytes) {
    List<Reader> wake;
    synchronized (this) {
      used -= bytes;
      wake = takeWaiting();
    }
    wake.forEach(Reader::retry);
  }

  /** The reader's connection ended or failed inside a frame: its frame's bytes are given back. */
  void abandon(Reader reader) {
    List<Reader> wake;
    synchronized (this) {
      waiting.remove(reader);
      Long held = inProgress.remove(reader);
      if (held != null) {
        used -= held;
      }
      if (lead == reader) {
        lead = inProgress.isEmpty() ? null : inProgress.keySet().iterator().next();
      }
      wake = takeWaiting();
    }
    wake.forEach(Reader::retry);
  }

  private void wakeWaiting() {
    // called with the lock held by frameComplete, whose caller is the reader's own I/O thread:
    // retry() only schedules, so it is safe to call here
    takeWaiting().forEach(Reader::retry);
  }

  private List<Reader> takeWaiting() {
    if (waiting.isEmpty()) {
      return List.of();
    }
    List<Reader> all = new ArrayList<>(waiting);
    waiting.clear();
    return all;
  }
}
