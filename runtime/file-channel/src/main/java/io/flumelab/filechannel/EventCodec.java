package io.flumelab.filechannel;

import io.flumelab.api.Event;
import io.flumelab.api.SimpleEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An event as a PUT record's payload:
 *
 * <pre>
 *   int  number of headers
 *   per header: int key length, key (UTF-8), int value length (-1 for null), value (UTF-8)
 *   int  body length, body
 * </pre>
 *
 * <p>Strings are encoded straight into the buffer, and read back through one scratch array, so
 * writing an event allocates nothing and reading one allocates only the event.
 */
final class EventCodec {

  private byte[] scratch = new byte[256];

  /** The most bytes {@link #write} can take for this event, so the caller can make room first. */
  static long maxEncodedLength(Event event) {
    long length = 8 + event.getBody().length;
    for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
      length += 8 + 3L * header.getKey().length()
          + (header.getValue() == null ? 0 : 3L * header.getValue().length());
    }
    return length;
  }

  /** Writes the event at the buffer's position, which must have {@link #maxEncodedLength} room. */
  static void write(Event event, ByteBuffer buffer) {
    Map<String, String> headers = event.getHeaders();
    buffer.putInt(headers.size());
    for (Map.Entry<String, String> header : headers.entrySet()) {
      writeString(header.getKey(), buffer);
      writeString(header.getValue(), buffer);
    }
    byte[] body = event.getBody();
    buffer.putInt(body.length);
    buffer.put(body);
  }

  /**
   * The event whose payload is {@code buffer[from, from + length)}; a payload that does not parse
   * (which a matching checksum makes unlikely) throws {@link IllegalArgumentException}.
   */
  Event read(ByteBuffer buffer, int from, int length) {
    int end = from + length;
    int at = from;
    int headerCount = intAt(buffer, at, end);
    at += 4;
    if (headerCount < 0 || headerCount > length / 8) {
      throw new IllegalArgumentException("impossible header count " + headerCount);
    }
    SimpleEvent event = new SimpleEvent();
    if (headerCount > 0) {
      Map<String, String> headers = new HashMap<>(headerCount * 4 / 3 + 1);
      for (int i = 0; i < headerCount; i++) {
        int keyLength = intAt(buffer, at, end);
        String key = stringAt(buffer, at + 4, keyLength, end);
        at += 4 + keyLength;
        int valueLength = intAt(buffer, at, end);
        String value = valueLength == -1 ? null : stringAt(buffer, at + 4, valueLength, end);
        at += 4 + Math.max(0, valueLength);
        headers.put(key, value);
      }
      event.setHeaders(headers);
    }
    int bodyLength = intAt(buffer, at, end);
    at += 4;
    if (bodyLength < 0 || at + bodyLength != end) {
      throw new IllegalArgumentException("body length " + bodyLength + " does not fill the record");
    }
    byte[] body = new byte[bodyLength];
    buffer.get(at, body);
    event.setBody(body);
    return event;
  }

  private static int intAt(ByteBuffer buffer, int at, int end) {
    if (at + 4 > end) {
      throw new IllegalArgumentException("record ends inside a length field");
    }
    return buffer.getInt(at);
  }

  private String stringAt(ByteBuffer buffer, int at, int length, int end) {
    if (length < 0 || at + length > end) {
      throw new IllegalArgumentException("impossible string length " + length);
    }
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    buffer.get(at, scratch, 0, length);
    return new String(scratch, 0, length, StandardCharsets.UTF_8);
  }

  /** A length, then the string's UTF-8 bytes; -1 for null. Unpaired surrogates become '?'. */
  private static void writeString(String text, ByteBuffer buffer) {
    if (text == null) {
      buffer.putInt(-1);
      return;
    }
    int lengthAt = buffer.position();
    buffer.position(lengthAt + 4);
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        buffer.put((byte) c);
      } else if (c < 0x800) {
        buffer.put((byte) (0xC0 | (c >> 6))).put((byte) (0x80 | (c & 0x3F)));
      } else if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        buffer.put((byte) (0xF0 | (codePoint >> 18)))
            .put((byte) (0x80 | ((codePoint >> 12) & 0x3F)))
            .put((byte) (0x80 | ((codePoint >> 6) & 0x3F)))
            .put((byte) (0x80 | (codePoint & 0x3F)));
      } else if (Character.isSurrogate(c)) {
        buffer.put((byte) '?'); // as String.getBytes(UTF_8) writes an unpaired surrogate
      } else {
        buffer.put((byte) (0xE0 | (c >> 12))).put((byte) (0x80 | ((c >> 6) & 0x3F)))
            .put((byte) (0x80 | (c & 0x3F)));
      }
    }
    buffer.putInt(lengthAt, buffer.position() - lengthAt - 4);
  }
}
