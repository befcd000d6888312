package io.flumelab.filechannel;

import io.flumelab.api.ChannelFullException;
import io.flumelab.core.spi.EventWaiters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * The channel's queue of pointers and what counts against its capacity, under one lock taken once
 * per batch, never per event.
 *
 * <p>As in Flume, events taken but not committed still occupy the channel, so a rollback always
 * has room; room for a commit's puts is reserved before its records are written, so a written put
 * always fits. Committed transactions are applied in log order by the group's leader:
 * their puts join the tail, their takes are forgotten, and each segment's count of live events
 * follows, which is what lets a segment be deleted. A checkpoint's snapshot puts the events of
 * open take transactions back at the head, where a rollback would put them.
 */
final class PointerQueue {

  /** What a checkpoint records: the queue, and the old segments no event lives in any more. */
  record Snapshot(long[] pointers, List<Segment> emptySegments) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  /** Sink runners waiting for events; woken when a commit or rollback queues some. */
  private final EventWaiters arrivals = new EventWaiters(lock, () -> this.queued > 0);
  private final SegmentTable segments;
  private final int capacity;
  // guarded by lock
  private final PointerRing ring;
  private final Set<TakeList> openTakes = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Events queued, taken by open transactions, or reserved by commits being written. */
  private long occupied;
  private int fullWaiters;

  /** The ring's size, readable without the lock, so polling an empty channel is cheap. */
  private volatile int queued;

  /** A queue holding the recovered pointers, in order, whose segments are in the table. */
  PointerQueue(long[] recovered, SegmentTable segments, int capacity) {
    this.segments = segments;
    this.capacity = capacity;
    ring = new PointerRing(Math.max(1024, recovered.length + recovered.length / 4));
    Segment last = null;
    for (long pointer : recovered) {
      ring.addLast(pointer);
      last = segmentOf(pointer, last);
      if (last != null) {
        last.live++;
      }
    }
    occupied = recovered.length;
    queued = recovered.length;
  }

  /** Committed events waiting to be taken. */
  int size() {
    return queued;
  }

  /**
   * Reserves room for a commit that adds {@code events} (its puts less its takes), waiting up to
   * {@code keepAliveNanos} for takes to free it.
   */
  void reserve(int events, long keepAliveNanos, LongFunction<ChannelFullException> full)
      throws InterruptedException {
    if (events <= 0) {
      return;
    }
    lock.lock();
    try {
      long nanos = keepAliveNanos;
      while (occupied + events > capacity) {
        if (nanos <= 0) {
          throw full.apply(occupied);
        }
        fullWaiters++;
        try {
          nanos = notFull.awaitNanos(nanos);
        } finally {
          fullWaiters--;
        }
      }
      occupied += events;
    } finally {
      lock.unlock();
    }
  }

  /** Gives back a reservation whose commit failed. */
  void unreserve(int events) {
    if (events <= 0) {
      return;
    }
    lock.lock();
    try {
      occupied -= events;
      if (fullWaiters > 0) {
        notFull.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Moves up to {@code max} pointers from the head to the take list; returns how many. */
  int poll(TakeList takes, int max) {
    if (queued == 0) {
      return 0;
    }
    takes.reserve(max);
    lock.lock();
    try {
      int count = ring.pollFirst(takes.pointers, takes.fetched, max);
      if (count > 0) {
        takes.fetched += count;
        openTakes.add(takes);
        queued = ring.size();
      }
      return count;
    } finally {
      lock.unlock();
    }
  }

  /** Returns the pointers fetched but not handed out to the head, before a commit is written. */
  void returnLeftovers(TakeList takes) {
    int leftovers = takes.leftovers();
    if (leftovers == 0) {
      return;
    }
    lock.lock();
    try {
      ring.addFirst(takes.pointers, takes.handedOut, leftovers);
      takes.fetched = takes.handedOut;
      if (takes.fetched == 0) {
        openTakes.remove(takes);
      }
      queued = ring.size();
      arrivals.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Returns every pointer the transaction took to the head, in order. */
  void rollback(TakeList takes) {
    if (takes.fetched == 0) {
      return;
    }
    lock.lock();
    try {
      ring.addFirst(takes.pointers, 0, takes.fetched);
      openTakes.remove(takes);
      takes.fetched = 0;
      takes.handedOut = 0;
      queued = ring.size();
      arrivals.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies the written requests of a group in log order: puts join the tail, takes are
   * forgotten. {@code reserved} of each request was taken by {@link #reserve}.
   */
  void apply(List<CommitRequest> group) {
    lock.lock();
    try {
      boolean added = false;
      boolean freed = false;
      for (CommitRequest request : group) {
        if (request.failure != null) {
          continue;
        }
        int puts = request.records.putCount();
        if (puts > 0) {
          for (int i = 0; i < puts; i++) {
            ring.addLast(request.putPointer(i));
          }
          Segment segment = segments.find(request.segmentId);
          if (segment != null) {
            segment.live += puts;
          }
          added = true;
        }
        TakeList takes = request.takes;
        int taken = takes.handedOut;
        if (taken > 0) {
          Segment last = null;
          for (int i = 0; i < taken; i++) {
            last = segmentOf(takes.pointers[i], last);
            if (last != null) {
              last.live--;
            }
          }
          openTakes.remove(takes);
        }
        long change = (long) puts - taken - request.reserved;
        occupied += change;
        freed |= change < 0;
      }
      queued = ring.size();
      if (added) {
        arrivals.signal();
      }
      if (freed && fullWaiters > 0) {
        notFull.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The queue as a checkpoint records it, open takes first, and the oldest segments before
   * {@code activeSegmentId} that hold no live event, in order, stopping at the first that does
   * (segments are deleted oldest first only, see docs/file-channel.md).
   */
  Snapshot snapshot(int activeSegmentId) {
    lock.lock();
    try {
      int open = 0;
      for (TakeList takes : openTakes) {
        open += takes.fetched;
      }
      long[] pointers = new long[open + ring.size()];
      int at = 0;
      for (TakeList takes : openTakes) {
        System.arraycopy(takes.pointers, 0, pointers, at, takes.fetched);
        at += takes.fetched;
      }
      ring.copyTo(pointers, at);
      List<Segment> empty = new ArrayList<>();
      for (Segment segment : segments.all()) {
        if (segment.id >= activeSegmentId || segment.live > 0) {
          break;
        }
        empty.add(segment);
      }
      return new Snapshot(pointers, empty);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until an event is queued or the timeout passes; true if one is. */
  boolean awaitEvents(long timeoutMillis) throws InterruptedException {
    return arrivals.await(timeoutMillis);
  }

  private Segment segmentOf(long pointer, Segment last) {
    int id = Pointers.segment(pointer);
    return last != null && last.id == id ? last : segments.find(id);
  }
}
