package io.flumelab.grading;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * Runs tasks on up to {@code jobs} threads, never two at once whose {@link LabResources} conflict.
 * Tasks start in the order given, except that one whose resources are held waits while a later one
 * that conflicts with nothing running goes ahead. The first task that throws stops the rest from
 * starting; the ones running finish, and its exception is thrown.
 */
final class RunScheduler {

  interface Task {
    LabResources resources();

    void run() throws IOException;
  }

  private final int jobs;
  private final LinkedList<Task> pending = new LinkedList<>();
  private final List<LabResources> running = new ArrayList<>();
  private IOException failure;

  RunScheduler(int jobs) {
    this.jobs = jobs;
  }

  void runAll(List<Task> tasks) throws IOException {
    synchronized (this) {
      pending.addAll(tasks);
    }
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < Math.min(jobs, tasks.size()); i++) {
      Thread worker = new Thread(this::work, "grading-job-" + (i + 1));
      workers.add(worker);
      worker.start();
    }
    try {
      for (Thread worker : workers) {
        worker.join();
      }
    } catch (InterruptedException e) {
      workers.forEach(Thread::interrupt);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while grading", e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void work() {
    Task task;
    while ((task = next()) != null) {
      try {
        task.run();
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          if (failure == null) {
            failure = e instanceof IOException io ? io : new IOException(e);
          }
          pending.clear();
        }
      } finally {
        release(task);
      }
    }
  }

  /** The first pending task that conflicts with none running, waiting for one; null at the end. */
  private synchronized Task next() {
    while (!pending.isEmpty()) {
      for (Task candidate : pending) {
        if (running.stream().noneMatch(held -> held.conflictsWith(candidate.resources()))) {
          pending.remove(candidate);
          running.add(candidate.resources());
          return candidate;
        }
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private synchronized void release(Task task) {
    running.remove(task.resources());
    notifyAll();
  }
}
