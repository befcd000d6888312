package io.flumelab.filechannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads a segment's records in order, checking each one's checksum. A record that is torn or
 * corrupt is reported with where it is and what is wrong, and the scan looks for the next good
 * record (a plausible header whose checksum matches) and goes on from there; when there is none,
 * the rest of the segment is reported as damaged and the scan ends at the last good record.
 */
final class LogScanner {

  /** Receives the good records, and the damaged regions, of a scan. */
  interface Visitor {
    /** A good record; its payload is {@code buffer[payloadAt, payloadAt + payloadLength)}. */
    void record(long offset, byte type, long transactionId, ByteBuffer buffer, int payloadAt,
        int payloadLength);

    /**
     * Bytes that hold no good record: {@code [offset, offset + length)}, {@code resynced} when a
     * good record follows in the segment.
     */
    void damaged(long offset, long length, String problem, boolean resynced);
  }

  private static final int WINDOW_BYTES = 1024 * 1024;

  private final CRC32C crc = new CRC32C();
  private ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES);
  private FileChannel file;
  private long size;
  /** The file offset of {@code window[0]}; the window holds {@code [windowStart, + limit)}. */
  private long windowStart;

  /**
   * Scans {@code path} from {@code from} to its end.
   *
   * @return where the last good record ends (the whole file when nothing was damaged)
   */
  long scan(Path path, FileChannel segment, long from, Visitor visitor) throws IOException {
    file = segment;
    size = segment.size();
    windowStart = from;
    window.clear().limit(0);
    long at = from;
    long goodEnd = from;
    while (at < size) {
      String problem = problemAt(at);
      if (problem == null) {
        int index = (int) (at - windowStart);
        int length = LogRecords.payloadLength(window, index);
        visitor.record(at, LogRecords.type(window, index), LogRecords.transactionId(window, index),
            window, index + LogRecords.HEADER_BYTES, length);
        at += LogRecords.HEADER_BYTES + length;
        goodEnd = at;
        continue;
      }
      long next = nextGoodRecord(at + 1);
      if (next < 0) {
        visitor.damaged(at, size - at, problem, false);
        return goodEnd;
      }
      visitor.damaged(at, next - at, problem, true);
      at = next;
    }
    return goodEnd;
  }

  /** What is wrong with the record at {@code at}, or null; leaves it whole in the window. */
  private String problemAt(long at) throws IOException {
    long left = size - at;
    if (!ensure(at, (int) Math.min(LogRecords.HEADER_BYTES, left))) {
      return "cannot read";
    }
    int index = (int) (at - windowStart);
    if (left >= LogRecords.HEADER_BYTES) {
      long length = LogRecords.payloadLength(window, index);
      long whole = LogRecords.HEADER_BYTES + length;
      if (length >= 0 && whole <= left && LogRecords.isType(LogRecords.type(window, index))) {
        ensure(at, (int) whole);
        index = (int) (at - windowStart);
      }
    }
    return LogRecords.problem(window, index, window.limit(), left - LogRecords.HEADER_BYTES,
        crc);
  }

  /** The offset of the next good record from {@code from}, or -1 when there is none. */
  private long nextGoodRecord(long from) throws IOException {
    for (long at = from; at + LogRecords.HEADER_BYTES <= size; at++) {
      ensure(at, LogRecords.HEADER_BYTES);
      int index = (int) (at - windowStart);
      long length = LogRecords.payloadLength(window, index);
      if (!LogRecords.isType(LogRecords.type(window, index)) || length < 0
          || LogRecords.HEADER_BYTES + length > size - at) {
        continue; // cheap filters first: most garbage fails them, so few checksums are computed
      }
      if (problemAt(at) == null) {
        return at;
      }
    }
    return -1;
  }

  /**
   * Makes the window hold {@code [at, at + bytes)}, reading more of the file when needed; false
   * when the file ends first.
   */
  private boolean ensure(long at, int bytes) throws IOException {
    if (at >= windowStart && at + bytes <= windowStart + window.limit()) {
      return true;
    }
    if (bytes > window.capacity()) {
      window = ByteBuffer.allocate(bytes);
    }
    window.clear();
    windowStart = at;
    while (window.hasRemaining()) {
      int read = file.read(window, at + window.position());
      if (read < 0) {
        break;
      }
    }
    window.flip();
    return window.limit() >= bytes;
  }
}
