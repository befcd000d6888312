package io.flumelab.filechannel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Group commit: committing threads queue their requests; whichever finds no write in progress
 * becomes the leader, takes every request queued so far and hands them to the {@link GroupWrite}
 * (one gathering write, one fsync), then wakes their threads. Requests that arrive while it writes
 * wait for the next leader, which is one of them. So N concurrent commits cost far fewer than N
 * fsyncs, and a lone committer pays no extra latency.
 *
 * <p>{@link #exclusively} runs a task while no group is being written (a checkpoint's snapshot).
 */
final class GroupCommitter {

  /** Writes a group of requests in order, records each one's outcome, and applies the good ones. */
  interface GroupWrite {
    void write(List<CommitRequest> group);
  }

  private final GroupWrite writer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition turn = lock.newCondition();
  // guarded by lock
  private List<CommitRequest> pending = new ArrayList<>();
  private List<CommitRequest> spare = new ArrayList<>();
  private boolean busy;

  GroupCommitter(GroupWrite writer) {
    this.writer = writer;
  }

  /** Returns once the request is written (and synced, if the writer syncs), or throws why not. */
  void commit(CommitRequest request) throws IOException {
    request.reset();
    boolean interrupted = false;
    lock.lock();
    try {
      pending.add(request);
      while (!request.done) {
        if (!busy) {
          lead();
        } else {
          // the request may already be in the leader's hands: wait for its outcome regardless
          try {
            turn.await();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
    } finally {
      lock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (request.failure != null) {
      throw request.failure;
    }
  }

  /** Runs the task while no group is written, and no new one starts until it returns. */
  <T> T exclusively(Supplier<T> task) {
    lock.lock();
    try {
      while (busy) {
        turn.awaitUninterruptibly();
      }
      busy = true;
    } finally {
      lock.unlock();
    }
    try {
      return task.get();
    } finally {
      release();
    }
  }

  /** Requests waiting for the next group: what a test watches to know committers queued up. */
  int pendingRequests() {
    lock.lock();
    try {
      return pending.size();
    } finally {
      lock.unlock();
    }
  }

  /** With the lock held: writes every pending request with the lock released meanwhile. */
  private void lead() {
    busy = true;
    List<CommitRequest> group = pending;
    pending = spare;
    spare = group;
    lock.unlock();
    try {
      writer.write(group);
    } catch (RuntimeException | Error e) {
      for (CommitRequest request : group) {
        if (request.failure == null && !request.done) {
          request.failure = new IOException("the log writer failed: " + e, e);
        }
      }
      throw e;
    } finally {
      lock.lock();
      for (CommitRequest request : group) {
        request.done = true;
      }
      group.clear();
      busy = false;
      turn.signalAll();
    }
  }

  private void release() {
    lock.lock();
    try {
      busy = false;
      turn.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
