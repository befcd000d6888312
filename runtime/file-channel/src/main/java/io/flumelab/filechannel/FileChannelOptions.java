package io.flumelab.filechannel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file channel's configuration once read and checked: what {@link ChannelStore} needs to open.
 *
 * @param backupCheckpointDir null unless {@code useDualCheckpoints}
 * @param dataDirs the data directories, in the order segments take turns
 * @param minimumRequiredSpace bytes a data directory's disk keeps free; puts are refused first
 * @param fsyncIntervalSeconds how often the log is fsynced when not at every commit
 */
record FileChannelOptions(String name, Path checkpointDir, Path backupCheckpointDir,
    List<Path> dataDirs, int capacity, int transactionCapacity, long checkpointIntervalMillis,
    long maxFileSize, long minimumRequiredSpace, long keepAliveSeconds,
    boolean fsyncPerTransaction, long fsyncIntervalSeconds, boolean checkpointOnClose) {

  FileChannelOptions {
    dataDirs = List.copyOf(dataDirs);
  }

  /** The checkpoint directory, then the backup one if there is one. */
  List<Path> checkpointDirs() {
    List<Path> dirs = new ArrayList<>();
    dirs.add(checkpointDir);
    if (backupCheckpointDir != null) {
      dirs.add(backupCheckpointDir);
    }
    return dirs;
  }
}
