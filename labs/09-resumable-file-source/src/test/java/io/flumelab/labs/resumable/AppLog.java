package io.flumelab.labs.resumable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file the source follows, written as an application writes its log: lines appended at the
 * end, each with one write, or (to test half-written lines) in two writes.
 */
final class AppLog {

  private final Path file;

  AppLog(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** Appends lines {@code from..to}, each whole, with its newline. */
  void append(int from, int to, boolean chinese) {
    StringBuilder text = new StringBuilder();
    for (int n = from; n <= to; n++) {
      text.append(LogLines.line(n, chinese)).append('\n');
    }
    write(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Appends raw bytes: part of a line, or its rest. */
  void write(byte[] bytes) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + file, e);
    }
  }

  /** Cuts the file to nothing, as {@code logrotate}'s copytruncate does. */
  void truncate() {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot truncate " + file, e);
    }
  }
}
