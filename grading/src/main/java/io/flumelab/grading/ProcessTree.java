package io.flumelab.grading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/**
 * Ends a process and every process it started (Maven, the forked test JVM, the agents the tests
 * started): a lab that hangs must leave nothing behind that holds a port or a file of the next
 * submission's run. A process started through {@link #SETSID} leads a process group of its own;
 * the whole group is killed too, which reaches a child whose parent died first (re-parented to
 * init, so no longer a descendant) unless it left the group itself.
 */
final class ProcessTree {

  /** util-linux's setsid, when this machine has it: the command it runs leads a new group. */
  static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
      .map(Path::of).filter(Files::isExecutable).findFirst();

  private ProcessTree() {}

  /** {@code command} run as the leader of a process group of its own, where setsid exists. */
  static List<String> inOwnGroup(List<String> command) {
    if (SETSID.isEmpty()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add(SETSID.get().toString());
    wrapped.addAll(command);
    return wrapped;
  }

  /** Kills {@code process} and its descendants, and waits (at most {@code wait}) for them to end. */
  static void kill(Process process, Duration wait) {
    ProcessHandle root = process.toHandle();
    killGroup(root.pid());
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
    killGroup(root.pid());
    try {
      process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL to the process group {@code pgid} (a no-op when there is no such group). */
  private static void killGroup(long pgid) {
    if (SETSID.isEmpty()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (java.io.IOException e) {
      // no kill command: the descendants were killed one by one
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
