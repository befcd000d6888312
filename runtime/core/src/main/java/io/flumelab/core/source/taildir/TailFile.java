package io.flumelab.core.source.taildir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One tailed file, known by its inode so that a rename keeps its place. Lines are read ahead of the
 * committed position; {@link #commit()} moves that position once the channels have taken them,
 * {@link #rewind()} goes back to it when they refused. A last line without its newline is kept
 * back until the newline arrives.
 *
 * <p>Reads use {@link RandomAccessFile}, not a {@code FileChannel}: interrupting the source's
 * thread (as stopping it does) must not close the file.
 */
final class TailFile {

  private static final int INITIAL_BUFFER = 64 * 1024;

  /** A complete line: the offset where it starts and its bytes without {@code \n} or {@code \r\n}. */
  record Line(long offset, byte[] body) {}

  private final long inode;
  /** The order in which the source found its files. */
  private final long discovered;
  private final FileGroup group;
  private volatile Path path;
  private volatile long committed;

  private RandomAccessFile file;
  private byte[] buffer = new byte[0];
  /** The file offset of buffer[0]. */
  private long bufferOffset;
  private int lineStart;
  private int scanned;
  private int end;

  private long lastActivity;
  private long lastModified;
  private boolean matched;

  TailFile(long inode, Path path, FileGroup group, long committed, long discovered) {
    this.inode = inode;
    this.discovered = discovered;
    this.path = path;
    this.group = group;
    this.committed = committed;
    this.bufferOffset = committed;
  }

  long inode() {
    return inode;
  }

  Path path() {
    return path;
  }

  void path(Path renamed) {
    path = renamed;
  }

  FileGroup group() {
    return group;
  }

  /** The offset of the first line not yet committed. */
  long committed() {
    return committed;
  }

  Position position() {
    return new Position(inode, committed, path.toString());
  }

  boolean isOpen() {
    return file != null;
  }

  /** Opens the file at the committed position. */
  void open(long now) throws IOException {
    file = new RandomAccessFile(path.toFile(), "r");
    lastActivity = now;
    resetTo(committed);
  }

  void close() throws IOException {
    RandomAccessFile open = file;
    file = null;
    buffer = new byte[0];
    if (open != null) {
      open.close();
    }
  }

  /** Reads up to {@code max} complete lines after those already read. */
  List<Line> readLines(int max, long now) throws IOException {
    List<Line> lines = new ArrayList<>(Math.min(max, 1024));
    while (lines.size() < max) {
      int newline = indexOfNewline();
      if (newline >= 0) {
        int length = newline - lineStart;
        if (length > 0 && buffer[newline - 1] == '\r') {
          length--;
        }
        lines.add(new Line(bufferOffset + lineStart,
            Arrays.copyOfRange(buffer, lineStart, lineStart + length)));
        lineStart = newline + 1;
        scanned = lineStart;
      } else if (!fill()) {
        break;
      }
    }
    if (!lines.isEmpty()) {
      lastActivity = now;
    }
    return lines;
  }

  private int indexOfNewline() {
    for (int i = scanned; i < end; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    scanned = end;
    return -1;
  }

  /** Reads more of the file into the buffer; false at the end of the file. */
  private boolean fill() throws IOException {
    if (lineStart > 0) {
      System.arraycopy(buffer, lineStart, buffer, 0, end - lineStart);
      bufferOffset += lineStart;
      end -= lineStart;
      scanned -= lineStart;
      lineStart = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(INITIAL_BUFFER, buffer.length * 2));
    }
    int read = file.read(buffer, end, buffer.length - end);
    if (read <= 0) {
      return false;
    }
    end += read;
    return true;
  }

  /** The offset just after the last line handed out. */
  long readPosition() {
    return bufferOffset + lineStart;
  }

  /** Bytes read after the last complete line: a line still being written. */
  int partialBytes() {
    return end - lineStart;
  }

  /** The lines handed out are in the channels: resume after them. */
  void commit() {
    committed = readPosition();
  }

  /** The lines handed out were refused: read them again next time. */
  void rewind() throws IOException {
    resetTo(committed);
  }

  /** Starts again at offset 0, for a file that was truncated (copy-truncate rotation). */
  void restartFromBeginning() throws IOException {
    committed = 0;
    resetTo(0);
  }

  private void resetTo(long offset) throws IOException {
    bufferOffset = offset;
    lineStart = 0;
    scanned = 0;
    end = 0;
    if (file != null) {
      file.seek(offset);
    }
  }

  long lastActivity() {
    return lastActivity;
  }

  long discovered() {
    return discovered;
  }

  /** The modification time at the last scan, in nanoseconds. */
  long lastModified() {
    return lastModified;
  }

  void lastModified(long millis) {
    lastModified = millis;
  }

  boolean matched() {
    return matched;
  }

  void matched(boolean stillMatched) {
    matched = stillMatched;
  }
}
