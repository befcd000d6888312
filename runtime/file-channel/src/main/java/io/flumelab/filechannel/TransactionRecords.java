package io.flumelab.filechannel;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One transaction's records, serialized as they come into a direct buffer the transaction keeps
 * for its next one: each put becomes a PUT record at once, and the commit adds a TAKE record (the
 * pointers taken) and the COMMIT record. The buffer is then written whole, so a batch is one
 * write, and an uncommitted put never reaches the disk. Direct, so the write needs no copy.
 */
final class TransactionRecords {

  private static final int INITIAL_BYTES = 16 * 1024;
  /** A buffer grown beyond this is dropped once a transaction uses less than a quarter of it. */
  private static final int KEPT_BYTES = 4 * 1024 * 1024;

  private final CRC32C crc = new CRC32C();
  private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_BYTES);
  private int[] putOffsets = new int[128];
  private int putCount;
  private long transactionId;
  /** Where the put records end, so a commit that failed can be sealed again or rolled back. */
  private int unsealedEnd;

  void begin(long id) {
    if (buffer.capacity() > KEPT_BYTES && buffer.position() < buffer.capacity() / 4) {
      // a large buffer the last transaction hardly used: one big batch, not the usual size
      buffer = ByteBuffer.allocateDirect(INITIAL_BYTES);
    }
    buffer.clear();
    putCount = 0;
    transactionId = id;
  }

  long transactionId() {
    return transactionId;
  }

  void addPut(Event event) {
    long payload = EventCodec.maxEncodedLength(event);
    ensureRoom(LogRecords.HEADER_BYTES + payload);
    int start = buffer.position();
    buffer.position(start + LogRecords.HEADER_BYTES);
    EventCodec.write(event, buffer);
    LogRecords.seal(buffer, start, LogRecords.PUT, transactionId, crc);
    if (putCount == putOffsets.length) {
      putOffsets = Arrays.copyOf(putOffsets, putCount * 2);
    }
    putOffsets[putCount++] = start;
  }

  int putCount() {
    return putCount;
  }

  /** Where the i-th put's record starts, from the start of this transaction's bytes. */
  int putOffset(int index) {
    return putOffsets[index];
  }

  /** Ends the records with a TAKE record of {@code takes[0, count)} (if any) and the COMMIT. */
  void seal(long[] takes, int count) {
    unsealedEnd = buffer.position();
    if (count > 0) {
      ensureRoom(LogRecords.HEADER_BYTES + 4 + 8L * count);
      int start = buffer.position();
      buffer.position(start + LogRecords.HEADER_BYTES);
      buffer.putInt(count);
      for (int i = 0; i < count; i++) {
        buffer.putLong(takes[i]);
      }
      LogRecords.seal(buffer, start, LogRecords.TAKE, transactionId, crc);
    }
    ensureRoom(LogRecords.HEADER_BYTES + LogRecords.COMMIT_PAYLOAD_BYTES);
    int start = buffer.position();
    buffer.position(start + LogRecords.HEADER_BYTES);
    buffer.putInt(putCount).putInt(count);
    LogRecords.seal(buffer, start, LogRecords.COMMIT, transactionId, crc);
    buffer.flip();
  }

  /** The sealed bytes, from position 0 to the limit; the writer consumes them. */
  ByteBuffer bytes() {
    return buffer;
  }

  /** The sealed length; valid until the writer consumes the bytes. */
  int length() {
    return buffer.limit();
  }

  /** Undoes {@link #seal} after a failed commit, so that it can be retried or rolled back. */
  void unseal() {
    buffer.limit(buffer.capacity()).position(unsealedEnd);
  }

  /** Forgets every record. */
  void clear() {
    buffer.clear();
    putCount = 0;
  }

  private void ensureRoom(long bytes) {
    if (buffer.remaining() >= bytes) {
      return;
    }
    long needed = buffer.position() + bytes;
    if (needed > Integer.MAX_VALUE - 64) {
      throw new ChannelException("a transaction of " + Sizes.of(needed) + " is larger than a "
          + "log segment can hold (2 GB): commit smaller batches");
    }
    ByteBuffer grown = ByteBuffer.allocateDirect(
        (int) Math.min(Integer.MAX_VALUE - 64, Math.max(needed, 2L * buffer.capacity())));
    buffer.flip();
    grown.put(buffer);
    buffer = grown;
  }
}
