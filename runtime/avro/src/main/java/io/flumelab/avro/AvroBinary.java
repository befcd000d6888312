package io.flumelab.avro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The few parts of Avro's binary encoding the Flume protocol uses, read from and written to Netty
 * buffers directly: zig-zag varints, strings, bytes, and the block counts of maps and arrays.
 * Hand-written (about a page) so the runtime needs no Avro library and decodes without copies.
 *
 * <p>Readers check every length against the bytes present and throw {@link AvroFormatException}
 * for anything malformed, so garbage never allocates more than the frame it came in.
 */
final class AvroBinary {

  private AvroBinary() {}

  static long readLong(ByteBuf in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!in.isReadable()) {
        throw new AvroFormatException("the message ends inside a number");
      }
      byte b = in.readByte();
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return (value >>> 1) ^ -(value & 1);
      }
    }
    throw new AvroFormatException("a number is longer than 10 bytes");
  }

  static int readInt(ByteBuf in) {
    long value = readLong(in);
    if (value != (int) value) {
      throw new AvroFormatException("the number " + value + " does not fit an int");
    }
    return (int) value;
  }

  /** The length before a string or bytes value, checked against what the buffer holds. */
  static int readLength(ByteBuf in) {
    long length = readLong(in);
    if (length < 0 || length > in.readableBytes()) {
      throw new AvroFormatException("a length of " + length + " with " + in.readableBytes()
          + " bytes left in the message");
    }
    return (int) length;
  }

  static String readString(ByteBuf in) {
    int length = readLength(in);
    String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
    in.skipBytes(length);
    return value;
  }

  static byte[] readBytes(ByteBuf in) {
    byte[] value = new byte[readLength(in)];
    in.readBytes(value);
    return value;
  }

  static boolean readBoolean(ByteBuf in) {
    if (!in.isReadable()) {
      throw new AvroFormatException("the message ends inside a boolean");
    }
    byte b = in.readByte();
    if (b != 0 && b != 1) {
      throw new AvroFormatException("a boolean byte of " + b);
    }
    return b == 1;
  }

  /**
   * The item count of the next map or array block (0 ends it). A negative count is followed by the
   * block's size in bytes, which is read and ignored.
   */
  static int readBlockCount(ByteBuf in) {
    long count = readLong(in);
    if (count < 0) {
      count = -count;
      readLong(in);
    }
    // each item takes at least one byte: a larger count is garbage, not a big message
    if (count > in.readableBytes()) {
      throw new AvroFormatException("a block of " + count + " items with " + in.readableBytes()
          + " bytes left in the message");
    }
    return (int) count;
  }

  /** Reads a map of bytes (Avro's call metadata) and forgets it. */
  static void skipBytesMap(ByteBuf in) {
    for (int n = readBlockCount(in); n > 0; n = readBlockCount(in)) {
      for (int i = 0; i < n; i++) {
        in.skipBytes(readLength(in));
        in.skipBytes(readLength(in));
      }
    }
  }

  /** The index of a union's branch, or an enum's symbol, checked against the number there are. */
  static int readIndex(ByteBuf in, int count, String what) {
    long index = readLong(in);
    if (index < 0 || index >= count) {
      throw new AvroFormatException(what + " " + index + " is not one of the " + count + " known");
    }
    return (int) index;
  }

  static void writeLong(ByteBuf out, long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      out.writeByte((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.writeByte((int) n);
  }

  static void writeString(ByteBuf out, String value) {
    writeLong(out, ByteBufUtil.utf8Bytes(value));
    ByteBufUtil.writeUtf8(out, value);
  }

  static void writeBytes(ByteBuf out, byte[] value) {
    writeLong(out, value.length);
    out.writeBytes(value);
  }
}
