package io.flumelab.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * Base of the services that run a Debian program as a child process in a work directory of their
 * own (mariadbd, gmond): stopping removes both, and a process that died makes the service FAILED.
 */
public abstract class LocalProgramService implements Service {

  protected Path dir;
  protected ChildProcess process;
  protected Status status = Status.STOPPED;

  @Override
  public synchronized void stop() {
    stopQuietly();
    if (status != Status.FAILED) {
      status = Status.STOPPED;
    }
  }

  /** Stops the process and deletes the work directory, whatever state start() left them in. */
  protected void stopQuietly() {
    if (process != null) {
      process.stop();
      process = null;
    }
    if (dir != null) {
      WorkDirs.delete(dir);
      dir = null;
    }
  }

  @Override
  public synchronized Status status() {
    if (status == Status.RUNNING && !process.isAlive()) {
      status = Status.FAILED;
    }
    return status;
  }

  @Override
  public List<Long> childPids() {
    return process == null ? List.of() : List.of(process.pid());
  }
}
