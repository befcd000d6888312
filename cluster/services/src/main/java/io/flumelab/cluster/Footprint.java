package io.flumelab.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory of this JVM and of child processes, from /proc (Linux), for the figures users read. */
public final class Footprint {

  private Footprint() {}

  /** Resident set size in MiB, or -1 where /proc is not available. */
  public static long rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  public static long selfRssMiB() {
    return rssMiB(ProcessHandle.current().pid());
  }

  public static long childrenRssMiB(List<Long> pids) {
    return pids.stream().mapToLong(Footprint::rssMiB).filter(rss -> rss > 0).sum();
  }
}
