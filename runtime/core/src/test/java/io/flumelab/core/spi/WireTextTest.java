package io.flumelab.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireTextTest {

  @Test
  void aNewlineCannotForgeALogLine() {
    String forged = "append\n2026-12-06 ERROR forged line";

    assertThat(WireText.quote(forged))
        .isEqualTo("\"append\\n2026-12-06 ERROR forged line\"")
        .doesNotContain("\n");
  }

  @Test
  void controlCharactersQuotesAndBackslashesAreEscaped() {
    assertThat(WireText.quote("a\u001b[31mred\r\t\"q\"\\\u2028"))
        .isEqualTo("\"a\\u001b[31mred\\r\\t\\\"q\\\"\\\\\\u2028\"");
  }

  @Test
  void aLongValueIsCutAndSaysHowMuchWasLeftOut() {
    String quoted = WireText.quote("x".repeat(2_000_000));

    assertThat(quoted).hasSizeLessThan(WireText.MAX_CHARS + 40)
        .endsWith("\" (" + (2_000_000 - WireText.MAX_CHARS) + " more characters)");
  }

  @Test
  void textOutsideAsciiStaysReadableButALoneSurrogateDoesNot() {
    assertThat(WireText.quote("日志 😀")).isEqualTo("\"日志 😀\"");
    assertThat(WireText.quote("a\ud800b")).isEqualTo("\"a\\ud800b\"");
  }

  @Test
  void bytesAreShownOneCharacterEachAndCut() {
    byte[] bytes = "ok\n\u0000".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(WireText.quote(bytes)).isEqualTo("\"ok\\n\\u0000\"");
    assertThat(WireText.quote(new byte[500])).endsWith(" (380 more bytes)");
    assertThat(WireText.quote((byte[]) null)).isEqualTo("null");
  }
}
