package io.flumelab.filechannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.Event;
import io.flumelab.api.SimpleEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private static Event roundTrip(Event event) {
    ByteBuffer buffer = ByteBuffer.allocateDirect((int) EventCodec.maxEncodedLength(event) + 7);
    buffer.position(7); // not at the start, as in a transaction's buffer
    EventCodec.write(event, buffer);
    return new EventCodec().read(buffer, 7, buffer.position() - 7);
  }

  @Test
  void headersKeepEveryCharacterAndNullValues() {
    Map<String, String> headers = new HashMap<>();
    headers.put("ascii", "plain");
    headers.put("two-byte é", "ß");
    headers.put("three-byte ✓", "日本語");
    headers.put("four-byte", "😀");
    headers.put("null value", null);
    headers.put("", "");
    SimpleEvent event = new SimpleEvent();
    event.setHeaders(headers);
    event.setBody("body".getBytes(StandardCharsets.UTF_8));

    Event read = roundTrip(event);

    assertThat(read.getHeaders()).isEqualTo(headers);
    assertThat(read.getBody()).isEqualTo(event.getBody());
  }

  @Test
  void anUnpairedSurrogateBecomesAQuestionMarkAsStringGetBytesDoes() {
    SimpleEvent event = new SimpleEvent();
    event.setHeaders(Map.of("k", "a\uD800b"));

    assertThat(roundTrip(event).getHeaders()).containsEntry("k",
        new String("a\uD800b".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void aPayloadThatDoesNotParseIsRefused() {
    ByteBuffer buffer = ByteBuffer.allocate(16);
    buffer.putInt(0, 0).putInt(4, 100); // no headers, a body longer than the payload

    assertThatThrownBy(() -> new EventCodec().read(buffer, 0, 16))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body length 100");
  }
}
