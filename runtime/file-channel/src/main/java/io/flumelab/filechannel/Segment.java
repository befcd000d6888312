package io.flumelab.filechannel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One open segment file. Every segment is read through its {@link FileChannel} with positional
 * reads, which are safe alongside the appends of the writer. {@code live} counts the events of
 * this segment still in the channel (queued or taken by an open transaction); it is guarded by
 * the {@link PointerQueue}'s lock, and a segment is deleted only once it is 0.
 */
final class Segment {

  final int id;
  final Path path;
  final FileChannel file;
  int live;

  Segment(int id, Path path, FileChannel file) {
    this.id = id;
    this.path = path;
    this.file = file;
  }

  void close() throws IOException {
    file.close();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
