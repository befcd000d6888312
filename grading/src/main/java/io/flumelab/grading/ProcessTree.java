package io.flumelab.grading;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a process and every process it started (Maven, the forked test JVM, the agents the tests
 * started): a lab that hangs must leave nothing behind that holds a port or a file of the next
 * submission's run.
 */
final class ProcessTree {

  private ProcessTree() {}

  /** Kills {@code process} and its descendants, and waits (at most {@code wait}) for them to end. */
  static void kill(Process process, Duration wait) {
    ProcessHandle root = process.toHandle();
    // children first seen, then the root: a parent killed first could leave its children re-parented
    // to init, out of reach of descendants()
    for (int round = 0; round < 5; round++) {
      List<ProcessHandle> tree = root.descendants().toList();
      tree.forEach(ProcessHandle::destroyForcibly);
      root.destroyForcibly();
      tree.forEach(handle -> handle.onExit().orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
          .exceptionally(e -> handle).join());
      if (root.descendants().findAny().isEmpty()) {
        break;
      }
    }
    try {
      process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
