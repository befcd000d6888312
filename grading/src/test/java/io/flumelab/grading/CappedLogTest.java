package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CappedLogTest {

  @TempDir
  Path dir;

  @Test
  void outputWithinTheCapIsKeptWhole() throws IOException {
    Path log = dir.resolve("run.log");
    new CappedLog(log, 100, 50).copy(stream("short output\n"));
    assertThat(Files.readString(log)).isEqualTo("short output\n");
  }

  @Test
  void outputPastTheCapKeepsItsBeginningAndItsEnd() throws IOException {
    StringBuilder text = new StringBuilder("[ERROR] the compiler's message\n");
    for (int i = 0; i < 100_000; i++) {
      text.append("noise ").append(i).append('\n');
    }
    text.append("[INFO] Tests run: 7, Failures: 1\n");
    Path log = dir.resolve("run.log");

    new CappedLog(log, 1000, 200).copy(stream(text.toString()));

    String kept = Files.readString(log);
    assertThat(kept).startsWith("[ERROR] the compiler's message\n")
        .endsWith("[INFO] Tests run: 7, Failures: 1\n")
        .contains("bytes of output left out of this log");
    assertThat(kept.length()).isLessThan(1400);
    assertThat(kept.substring(0, 1000)).isEqualTo(text.substring(0, 1000));
    assertThat(kept.substring(kept.length() - 200)).isEqualTo(text.substring(text.length() - 200));
  }

  @Test
  void outputJustPastTheHeadIsKeptWhole() throws IOException {
    Path log = dir.resolve("run.log");
    String text = "a".repeat(1000) + "b".repeat(150);
    new CappedLog(log, 1000, 200).copy(stream(text));
    assertThat(Files.readString(log)).isEqualTo(text);
  }

  @Test
  void aReasonPastItsLimitIsCutWithTheCountLeftOut() {
    String reason = "Agent a1 did not print x. Its output:\n" + "y".repeat(50_000);
    String capped = GradeFiles.capped(reason);
    assertThat(capped).startsWith("Agent a1 did not print x.")
        .endsWith(" more characters in the run's log]");
    assertThat(capped.length()).isLessThan(GradeFiles.REASON_LIMIT + 100);
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
