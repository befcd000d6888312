package io.flumelab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlumeEventFormatTest {

  @Test
  void writesAvroBinaryOfFlumesEventRecord() {
    Event event = EventBuilder.withBody("hi", StandardCharsets.UTF_8, Map.of("a", "b"));
    // one map block of 1 entry (zig-zag 2), "a", "b", end of map, then the body's length 2 (4)
    assertThat(FlumeEventFormat.encode(event))
        .containsExactly(0x02, 0x02, 'a', 0x02, 'b', 0x00, 0x04, 'h', 'i');
    assertThat(FlumeEventFormat.encode(EventBuilder.withBody(new byte[0])))
        .containsExactly(0x00, 0x00);
  }

  @Test
  void readsBackHeadersAndBodyOfAnySize() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      headers.put("h" + i, "值" + i);
    }
    byte[] body = new byte[70_000];
    body[69_999] = 7;
    Event back = FlumeEventFormat.decode(FlumeEventFormat.encode(EventBuilder.withBody(body,
        headers)));
    assertThat(back.getHeaders()).isEqualTo(headers);
    assertThat(back.getBody()).isEqualTo(body);
  }

  @Test
  void readsBlocksWrittenWithTheirByteSize() {
    // Avro writers may give a block a negative count followed by its size in bytes
    byte[] value = {0x01, 0x08, 0x02, 'k', 0x02, 'v', 0x00, 0x02, 'x'};
    Event event = FlumeEventFormat.decode(value);
    assertThat(event.getHeaders()).containsExactly(Map.entry("k", "v"));
    assertThat(event.getBody()).containsExactly('x');
  }

  @Test
  void refusesAPlainBody() {
    assertThatThrownBy(() -> FlumeEventFormat.decode("hello world".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Flume event");
    assertThatThrownBy(() -> FlumeEventFormat.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
