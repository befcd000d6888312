package io.flumelab.core.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file a file_roll sink currently writes. A batch is written in one go, straight to the
 * operating system, so once {@link #append} returns the events survive the agent being killed; the
 * file is forced to disk when it is closed. A batch that fails half-way is cut off again, so the
 * retried batch is not written twice.
 */
final class RollingFileOutput implements AutoCloseable {

  private final Path path;
  private final FileChannel channel;
  private final long openedNanos;

  private RollingFileOutput(Path path, FileChannel channel, long openedNanos) {
    this.path = path;
    this.channel = channel;
    this.openedNanos = openedNanos;
  }

  /** Opens the next free name of the series; a name already taken (an earlier run) is skipped. */
  static RollingFileOutput openNext(RollingFileNames names, long nowNanos) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path path = names.next();
      try {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new RollingFileOutput(path, channel, nowNanos);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 1000) {
          throw e;
        }
      }
    }
  }

  Path path() {
    return path;
  }

  long openedNanos() {
    return openedNanos;
  }

  /**
   * Writes the whole buffer at the end of the file. On failure the file is truncated back to where
   * the batch began (when the file system still allows it) and the failure is rethrown.
   */
  void append(ByteBuffer batch) throws IOException {
    long start = channel.position();
    try {
      while (batch.hasRemaining()) {
        channel.write(batch);
      }
      if (!Files.exists(path)) {
        // on Unix an unlinked file still accepts writes: the events would vanish with it
        throw new IOException("file " + path + " was deleted while the sink wrote it");
      }
    } catch (IOException | RuntimeException e) {
      try {
        channel.truncate(start);
        channel.position(start);
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Forces the data to disk and closes the file. */
  @Override
  public void close() throws IOException {
    try (channel) {
      if (channel.isOpen()) {
        channel.force(true);
      }
    }
  }
}
