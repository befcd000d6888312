package io.flumelab.kafka;

import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flume's event as a Kafka record value, when {@code useFlumeEventFormat} (or the channel's
 * {@code parseAsFlumeEvent}) is on: the Avro binary encoding of Flume's
 * {@code AvroFlumeEvent {map<string> headers; bytes body}}, which Flume's Kafka sink, source and
 * channel write and read. Hand-written for this one fixed schema, so the module needs no Avro
 * library; the avro module has its own codec, and modules share nothing but the core's spi.
 */
final class FlumeEventFormat {

  private FlumeEventFormat() {}

  static byte[] encode(Event event) {
    Map<String, String> headers = event.getHeaders();
    byte[] body = event.getBody();
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 16 + 32 * headers.size());
    if (!headers.isEmpty()) {
      writeLong(out, headers.size()); // one block holding every entry
      for (Map.Entry<String, String> header : headers.entrySet()) {
        writeBytes(out, header.getKey().getBytes(StandardCharsets.UTF_8));
        writeBytes(out, header.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    writeLong(out, 0); // the end of the map
    writeBytes(out, body);
    return out.toByteArray();
  }

  /**
   * The event a record value holds.
   *
   * @throws IllegalArgumentException if the value is not a Flume event (a plain body, say)
   */
  static Event decode(byte[] value) {
    Reader in = new Reader(value);
    Map<String, String> headers = new LinkedHashMap<>();
    for (long block = in.readLong(); block != 0; block = in.readLong()) {
      if (block < 0) {
        in.readLong(); // a negative count is followed by the block's size in bytes
        block = -block;
      }
      for (long i = 0; i < block; i++) {
        String key = in.readString();
        headers.put(key, in.readString());
      }
    }
    byte[] body = in.readBytes();
    if (in.position != value.length) {
      throw new IllegalArgumentException((value.length - in.position)
          + " bytes follow the body, so this is not a Flume event");
    }
    return EventBuilder.withBody(body, headers);
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    long zigZag = (value << 1) ^ (value >> 63);
    while ((zigZag & ~0x7FL) != 0) {
      out.write((int) ((zigZag & 0x7F) | 0x80));
      zigZag >>>= 7;
    }
    out.write((int) zigZag);
  }

  private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
    writeLong(out, bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  /** Reads Avro's varints and length-prefixed bytes, refusing lengths past the end. */
  private static final class Reader {
    private final byte[] data;
    private int position;

    Reader(byte[] data) {
      this.data = data;
    }

    long readLong() {
      long zigZag = 0;
      for (int shift = 0; ; shift += 7) {
        if (position >= data.length) {
          throw new IllegalArgumentException("the value ends inside a number, so it is not a "
              + "Flume event");
        }
        if (shift > 63) {
          throw new IllegalArgumentException("a number longer than 10 bytes: not a Flume event");
        }
        int b = data[position++] & 0xFF;
        zigZag |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return (zigZag >>> 1) ^ -(zigZag & 1);
        }
      }
    }

    byte[] readBytes() {
      long length = readLong();
      if (length < 0 || length > data.length - position) {
        throw new IllegalArgumentException("a length of " + length + " with " + (data.length
            - position) + " bytes left, so this is not a Flume event");
      }
      byte[] bytes = new byte[(int) length];
      System.arraycopy(data, position, bytes, 0, bytes.length);
      position += bytes.length;
      return bytes;
    }

    String readString() {
      return new String(readBytes(), StandardCharsets.UTF_8);
    }
  }
}
