package io.flumelab.filechannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * One open segment file. It is read with positional reads, which are safe alongside the writes of
 * the writer.
 *
 * <p>An NIO file channel closes itself for every thread when one thread is interrupted during a
 * read or write on it: the agent interrupts source threads when it stops them. So each operation
 * here clears the caller's interrupt while it runs (and sets it again after), and an operation that
 * meets a channel closed under it by an interrupt reopens the file and tries again.
 *
 * <p>{@code live} counts the events of this segment still in the channel (queued or taken by an
 * open transaction); it is guarded by the {@link PointerQueue}'s lock, and a segment is deleted
 * only once it is 0.
 */
final class Segment {

  private static final Set<OpenOption> READING = Set.of(StandardOpenOption.READ);
  private static final Set<OpenOption> WRITING = Set.of(StandardOpenOption.READ,
      StandardOpenOption.WRITE);

  /** One file operation, which may be tried again on a reopened channel. */
  private interface Operation<T> {
    T on(FileChannel file) throws IOException;
  }

  final int id;
  final Path path;
  private final Set<OpenOption> options;
  private volatile FileChannel file;
  private volatile boolean closed;
  int live;

  private Segment(int id, Path path, FileChannel file, Set<OpenOption> options) {
    this.id = id;
    this.path = path;
    this.file = file;
    this.options = options;
  }

  /** An existing segment, for reading. */
  static Segment open(int id, Path path) throws IOException {
    return new Segment(id, path, FileChannel.open(path, READING), READING);
  }

  /** A new, empty segment file, for writing. */
  static Segment create(int id, Path path) throws IOException {
    FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new Segment(id, path, file, WRITING);
  }

  /** The channel, for a sequential scan at start (recovery), where no one interrupts. */
  FileChannel channel() {
    return file;
  }

  int read(ByteBuffer target, long position) throws IOException {
    return run(file -> file.read(target, position), true);
  }

  /**
   * Writes the buffers from {@code position} on (a gathering write has no positional form, and a
   * reopened channel starts at 0); returns the bytes written. Never tried again: an interrupted
   * write may have written part of the buffers, so the caller truncates back instead.
   */
  long write(ByteBuffer[] buffers, int count, long position) throws IOException {
    return run(file -> {
      if (file.position() != position) {
        file.position(position);
      }
      return file.write(buffers, 0, count);
    }, false);
  }

  void force() throws IOException {
    run(file -> {
      file.force(false);
      return null;
    }, true);
  }

  void truncate(long size) throws IOException {
    run(file -> file.truncate(size), true);
  }

  long size() throws IOException {
    return run(FileChannel::size, true);
  }

  void close() throws IOException {
    closed = true;
    file.close();
  }

  private <T> T run(Operation<T> operation, boolean retry) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        FileChannel current = file;
        try {
          return operation.on(current);
        } catch (AsynchronousCloseException e) { // ClosedByInterruptException included
          // closed by an interrupt, this thread's or another's, not by close(): reopen, retry
          interrupted |= Thread.interrupted();
          reopen(current, e);
          if (!retry) {
            throw new IOException("interrupted in the middle of the write", e);
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized void reopen(FileChannel broken, IOException cause) throws IOException {
    if (closed) {
      throw cause;
    }
    if (file == broken) {
      file = FileChannel.open(path, options);
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
