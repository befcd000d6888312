package io.flumelab.cluster.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a running dashboard serves its page, left in {@code run/dashboard-<pid>.url} of the state
 * directory so that {@code bin/flumelab status} in another terminal can say it: the dashboard of
 * {@code up} and one of {@code bin/flumelab dashboard} alike. A file of a process that is gone is
 * not reported (and is removed by the next dashboard that starts).
 */
public record DashboardAddress(long pid, String url) {

  private static final String PREFIX = "dashboard-";
  private static final String SUFFIX = ".url";

  /** Writes this process's address, whole (by a rename), removing those of gone processes. */
  static DashboardAddress announce(Path stateDir, String url) {
    DashboardAddress address = new DashboardAddress(ProcessHandle.current().pid(), url);
    Path run = stateDir.resolve("run");
    try {
      Files.createDirectories(run);
      for (DashboardAddress gone : read(run, false)) {
        Files.deleteIfExists(gone.file(run));
      }
      Path temp = Files.createTempFile(run, PREFIX, ".tmp");
      Files.writeString(temp, url + "\n", StandardCharsets.UTF_8);
      Files.move(temp, address.file(run), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the dashboard's address into " + run + " ("
          + e + ")", e);
    }
    return address;
  }

  /** The dashboards running now, for the user's state directory. */
  public static List<DashboardAddress> running(Path stateDir) {
    return read(stateDir.resolve("run"), true);
  }

  void withdraw(Path stateDir) {
    try {
      Files.deleteIfExists(file(stateDir.resolve("run")));
    } catch (IOException e) {
      // status ignores the file of a gone process: nothing is wrong if it stays
    }
  }

  private Path file(Path run) {
    return run.resolve(PREFIX + pid + SUFFIX);
  }

  private static List<DashboardAddress> read(Path run, boolean alive) {
    List<DashboardAddress> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(run, PREFIX + "*" + SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
        if (!digits.matches("\\d{1,18}")) {
          continue;
        }
        long pid = Long.parseLong(digits);
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == alive) {
          try {
            found.add(new DashboardAddress(pid, Files.readString(file, StandardCharsets.UTF_8).trim()));
          } catch (NoSuchFileException stopped) {
            // that dashboard stopped meanwhile
          }
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the dashboards' addresses in " + run + " (" + e
          + ")", e);
    }
    return found;
  }
}
