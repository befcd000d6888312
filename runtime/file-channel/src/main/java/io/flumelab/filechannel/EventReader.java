package io.flumelab.filechannel;

import io.flumelab.api.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads events back from the log by pointer, for one taking thread. Reads go through a direct
 * read-ahead buffer: the events a sink takes were mostly written together, one after the other,
 * so one positional read serves a whole batch, and the page cache usually serves that read. Each
 * record's checksum is verified before its event is decoded.
 */
final class EventReader {

  /** Why an event could not be read back: the caller drops it and counts an error. */
  static final class UnreadableEventException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int READ_AHEAD_BYTES = 64 * 1024;
  /** A buffer grown for events larger than this goes back to the read-ahead size afterwards. */
  private static final int KEPT_BYTES = 4 * 1024 * 1024;

  private final SegmentTable segments;
  private final CRC32C crc = new CRC32C();
  private final EventCodec codec = new EventCodec();
  private ByteBuffer buffer = ByteBuffer.allocateDirect(READ_AHEAD_BYTES);
  /** What the buffer holds: {@code [start, start + limit)} of segment {@code segmentId}. */
  private int segmentId = -1;
  private long start;
  /** {@link SegmentTable#truncations} when the buffer was filled. */
  private long truncationsAtFill;

  EventReader(SegmentTable segments) {
    this.segments = segments;
  }

  Event read(long pointer) throws UnreadableEventException {
    int id = Pointers.segment(pointer);
    long offset = Pointers.offset(pointer);
    Segment segment = segments.find(id);
    if (segment == null) {
      throw new UnreadableEventException("its segment " + SegmentFiles.name(id)
          + " is no longer open (deleted?)", null);
    }
    try {
      if (!holds(id, offset, LogRecords.HEADER_BYTES)) {
        fill(segment, offset, LogRecords.HEADER_BYTES);
      }
      int at = (int) (offset - start);
      if (buffer.limit() - at >= LogRecords.HEADER_BYTES) {
        long length = LogRecords.HEADER_BYTES + (long) LogRecords.payloadLength(buffer, at);
        if (length > LogRecords.HEADER_BYTES && length < Integer.MAX_VALUE
            && buffer.limit() - at < length) {
          fill(segment, offset, (int) length);
          at = 0;
        }
      }
      String problem = LogRecords.problem(buffer, at, buffer.limit(), Integer.MAX_VALUE, crc);
      if (problem == null && LogRecords.type(buffer, at) != LogRecords.PUT) {
        problem = "the record there is a " + LogRecords.typeName(LogRecords.type(buffer, at))
            + ", not a PUT";
      }
      if (problem != null) {
        throw new UnreadableEventException(problem, null);
      }
      return codec.read(buffer, at + LogRecords.HEADER_BYTES,
          LogRecords.payloadLength(buffer, at));
    } catch (IOException e) {
      throw new UnreadableEventException("reading " + segment.path + " failed: " + e, e);
    } catch (IllegalArgumentException e) {
      throw new UnreadableEventException("its payload does not parse: " + e.getMessage(), e);
    }
  }

  private boolean holds(int id, long offset, int bytes) {
    return id == segmentId && offset >= start && offset + bytes <= start + buffer.limit()
        && truncationsAtFill == segments.truncations();
  }

  /** Reads from {@code offset} until at least {@code needed} bytes (or the end of the file). */
  private void fill(Segment segment, long offset, int needed) throws IOException {
    if (buffer.capacity() < needed) {
      buffer = ByteBuffer.allocateDirect(needed);
    } else if (buffer.capacity() > KEPT_BYTES && needed <= READ_AHEAD_BYTES) {
      buffer = ByteBuffer.allocateDirect(READ_AHEAD_BYTES); // a huge event's buffer is not kept
    }
    buffer.clear();
    segmentId = -1;
    // noted before the read, so that a cut made while reading shows at the next look
    truncationsAtFill = segments.truncations();
    while (buffer.position() < needed) {
      int read = segment.read(buffer, offset + buffer.position());
      if (read < 0) {
        break;
      }
    }
    buffer.flip();
    segmentId = segment.id;
    start = offset;
  }
}
