package io.flumelab.filechannel;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of a record in a log segment, in one place:
 *
 * <pre>
 *   offset 0   int   CRC32C of bytes 4 .. end (length, type, transaction id, payload)
 *          4   int   payload length
 *          8   byte  type: 1 PUT, 2 TAKE, 3 COMMIT
 *          9   long  transaction id
 *         17   ...   payload
 * </pre>
 *
 * <p>PUT's payload is the event ({@link EventCodec}); TAKE's a count and that many pointers to
 * the PUT records taken; COMMIT's the transaction's numbers of puts and takes, so that replay can
 * tell a transaction whose records were damaged. The checksum comes first so that it covers the
 * length: a torn or flipped length is caught like any other byte.
 */
final class LogRecords {

  static final int HEADER_BYTES = 17;
  static final byte PUT = 1;
  static final byte TAKE = 2;
  static final byte COMMIT = 3;
  static final int COMMIT_PAYLOAD_BYTES = 8;

  private static final int LENGTH_AT = 4;
  private static final int TYPE_AT = 8;
  private static final int TRANSACTION_AT = 9;

  private LogRecords() {}

  /** Writes the header of the record whose payload was written at {@code start + HEADER_BYTES}. */
  static void seal(ByteBuffer buffer, int start, byte type, long transactionId, CRC32C crc) {
    int end = buffer.position();
    buffer.putInt(start + LENGTH_AT, end - start - HEADER_BYTES);
    buffer.put(start + TYPE_AT, type);
    buffer.putLong(start + TRANSACTION_AT, transactionId);
    buffer.putInt(start, checksum(buffer, start, end, crc));
    buffer.position(end);
  }

  /** The CRC32C of {@code buffer[start + 4, end)}; leaves position and limit as they were. */
  static int checksum(ByteBuffer buffer, int start, int end, CRC32C crc) {
    int position = buffer.position();
    int limit = buffer.limit();
    buffer.limit(end).position(start + LENGTH_AT);
    crc.reset();
    crc.update(buffer);
    buffer.limit(limit).position(position);
    return (int) crc.getValue();
  }

  static int payloadLength(ByteBuffer buffer, int start) {
    return buffer.getInt(start + LENGTH_AT);
  }

  static byte type(ByteBuffer buffer, int start) {
    return buffer.get(start + TYPE_AT);
  }

  static long transactionId(ByteBuffer buffer, int start) {
    return buffer.getLong(start + TRANSACTION_AT);
  }

  static boolean isType(byte type) {
    return type == PUT || type == TAKE || type == COMMIT;
  }

  static String typeName(byte type) {
    return switch (type) {
      case PUT -> "PUT";
      case TAKE -> "TAKE";
      case COMMIT -> "COMMIT";
      default -> "type " + type;
    };
  }

  /**
   * What is wrong with the record at {@code start}, whose bytes up to {@code available} are in the
   * buffer, or null when it is whole and its checksum matches. {@code maxLength} bounds a
   * plausible payload (what is left of the segment).
   */
  static String problem(ByteBuffer buffer, int start, int available, long maxLength,
      CRC32C crc) {
    if (available - start < HEADER_BYTES) {
      return "record header cut short (" + (available - start) + " of " + HEADER_BYTES
          + " bytes)";
    }
    int length = payloadLength(buffer, start);
    if (length < 0 || length > maxLength) {
      return "impossible record length " + length;
    }
    byte type = type(buffer, start);
    if (!isType(type)) {
      return "unknown record type " + type;
    }
    int end = start + HEADER_BYTES + length;
    if (end > available) {
      return LogRecords.typeName(type) + " record cut short (" + (available - start) + " of "
          + (HEADER_BYTES + length) + " bytes)";
    }
    int stored = buffer.getInt(start);
    int actual = checksum(buffer, start, end, crc);
    if (stored != actual) {
      return "checksum mismatch (stored " + Integer.toHexString(stored) + ", computed "
          + Integer.toHexString(actual) + ")";
    }
    return null;
  }
}
