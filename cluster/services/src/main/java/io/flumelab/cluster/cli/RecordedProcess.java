package io.flumelab.cluster.cli;

import java.time.Instant;
import java.util.Optional;

/**
 * A process {@code up} started or runs in, recorded with its start time so that a later
 * {@code down} never signals an unrelated process that got the same pid.
 */
record RecordedProcess(long pid, long startMillis) {

  static RecordedProcess of(ProcessHandle handle) {
    return new RecordedProcess(handle.pid(),
        handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
  }

  /** "1234@1719999999000", as the session file stores it. */
  static RecordedProcess parse(String text) {
    int at = text.indexOf('@');
    return at < 0 ? new RecordedProcess(Long.parseLong(text.trim()), 0)
        : new RecordedProcess(Long.parseLong(text.substring(0, at).trim()),
            Long.parseLong(text.substring(at + 1).trim()));
  }

  String format() {
    return pid + "@" + startMillis;
  }

  /** The live process, if this one still runs (same pid and same start time). */
  Optional<ProcessHandle> live() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> startMillis == 0
        || Math.abs(handle.info().startInstant().map(Instant::toEpochMilli).orElse(startMillis)
            - startMillis) < 1000);
  }

  boolean isAlive() {
    return live().isPresent();
  }
}
