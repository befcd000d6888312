package io.flumelab.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expected strings were produced with Flume's own algorithm (HexDump, offset stripped). */
class EventDumpTest {

  private static Event event(String body) {
    return EventBuilder.withBody(body, StandardCharsets.US_ASCII);
  }

  @Test
  void shortBodyIsPaddedToSixteenColumnsThenShownAsText() {
    assertThat(EventDump.dumpEvent(event("hello")))
        .isEqualTo("{ headers:{} body: 68 65 6C 6C 6F                                  hello }");
  }

  @Test
  void matchesTheLineInFlumesUserGuide() {
    // telnet sends CRLF; the \r stays in the body and prints as '.'
    assertThat(EventDump.dumpEvent(event("Hello world!\r")))
        .isEqualTo("{ headers:{} body: 48 65 6C 6C 6F 20 77 6F 72 6C 64 21 0D          "
            + "Hello world!. }");
  }

  @Test
  void sixteenBytesFillTheRowWithoutPadding() {
    assertThat(EventDump.dumpEvent(event("0123456789ABCDEF"))).isEqualTo(
        "{ headers:{} body: 30 31 32 33 34 35 36 37 38 39 41 42 43 44 45 46 0123456789ABCDEF }");
  }

  @Test
  void showsAtMostMaxBytesByDefaultSixteen() {
    assertThat(EventDump.dumpEvent(event("0123456789abcdefghij"))).isEqualTo(
        "{ headers:{} body: 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66 0123456789abcdef }");
    assertThat(EventDump.dumpEvent(event("hello"), 2))
        .isEqualTo("{ headers:{} body: 68 65                                           he }");
  }

  @Test
  void moreThanSixteenBytesContinueOnRowsWithOffsets() {
    String eol = System.lineSeparator();
    assertThat(EventDump.dumpEvent(event("0123456789abcdefghij"), 20)).isEqualTo(
        "{ headers:{} body: 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66 0123456789abcdef"
            + eol + "00000010 67 68 69 6A                                     ghij }");
  }

  @Test
  void emptyBodyPrintsNothingAfterBody() {
    assertThat(EventDump.dumpEvent(event(""))).isEqualTo("{ headers:{} body: }");
    assertThat(EventDump.dumpEvent(event("abc"), 0)).isEqualTo("{ headers:{} body: }");
  }

  @Test
  void headersPrintAsAMap() {
    Event event = EventBuilder.withBody("abc".getBytes(StandardCharsets.US_ASCII),
        Map.of("host", "web1"));
    assertThat(EventDump.dumpEvent(event))
        .isEqualTo("{ headers:{host=web1} body: 61 62 63                                        abc }");
  }

  @Test
  void bytesOutsidePrintableAsciiShowAsDots() {
    Event event = EventBuilder.withBody(new byte[] {0x00, 0x1F, 0x20, 0x7E, 0x7F, (byte) 0x80,
        (byte) 0xFF, 0x41});
    assertThat(EventDump.dumpEvent(event))
        .isEqualTo("{ headers:{} body: 00 1F 20 7E 7F 80 FF 41                         .. ~...A }");
  }

  @Test
  void nullEventPrintsNull() {
    assertThat(EventDump.dumpEvent(null)).isEqualTo("null");
  }
}
