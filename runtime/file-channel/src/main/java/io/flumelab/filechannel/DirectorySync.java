package io.flumelab.filechannel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a directory's entries durable: a file created, renamed or deleted is only certain to be
 * found after a crash once its directory was fsynced. Linux allows it through a read-only handle.
 */
final class DirectorySync {

  private DirectorySync() {}

  static void sync(Path dir) throws IOException {
    try (FileChannel handle = FileChannel.open(dir, StandardOpenOption.READ)) {
      handle.force(true);
    } catch (IOException e) {
      if (System.getProperty("os.name", "").startsWith("Windows")) {
        return; // Windows cannot open a directory; NTFS journals the entry anyway
      }
      throw e;
    }
  }
}
