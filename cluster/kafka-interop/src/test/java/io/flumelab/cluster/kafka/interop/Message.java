package io.flumelab.cluster.kafka.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * An event as both runtimes see it, so that Flume's events and ours compare with equals. The body
 * is kept as ISO-8859-1 text, which maps every byte to one char and back: a body that is not UTF-8
 * compares exactly, and a failure prints it readably.
 */
record Message(Map<String, String> headers, String body) {

  static Message of(Map<String, String> headers, byte[] body) {
    return new Message(Map.copyOf(headers), new String(body, StandardCharsets.ISO_8859_1));
  }

  byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.ISO_8859_1);
  }

  String seq() {
    return headers.get("seq");
  }

  /**
   * {@code count} events with what tends to break a codec: bodies that are not UTF-8 (a NUL, 0xFF,
   * half a UTF-8 sequence), one empty body, header values outside ASCII and an empty one, a
   * header that is only in some events, and Flume's {@code key} header that becomes the record's
   * key. {@code seq} names each event, so a lost or repeated one can be told apart.
   */
  static List<Message> batch(int count) {
    List<Message> messages = new ArrayList<>();
    IntStream.range(0, count).forEach(i -> {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("seq", String.valueOf(i));
      headers.put("key", "user-" + (i % 5));
      headers.put("host", "hadoop10" + (2 + i % 3) + ".日志");
      headers.put("empty", "");
      if (i % 2 == 0) {
        headers.put("even", "yes");
      }
      byte[] text = ("e-" + i + " ").getBytes(StandardCharsets.UTF_8);
      byte[] body = new byte[text.length + 4];
      System.arraycopy(text, 0, body, 0, text.length);
      body[text.length] = 0;
      body[text.length + 1] = (byte) 0xff;
      body[text.length + 2] = (byte) 0xc3; // the first half of a two-byte UTF-8 character
      body[text.length + 3] = (byte) i;
      messages.add(Message.of(headers, i == count - 1 ? new byte[0] : body));
    });
    return messages;
  }
}
