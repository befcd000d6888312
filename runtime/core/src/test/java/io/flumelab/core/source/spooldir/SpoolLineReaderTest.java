package io.flumelab.core.source.spooldir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines and resume offsets, across the reader's 64 KiB buffer and multi-byte characters. */
class SpoolLineReaderTest {

  @TempDir
  Path dir;

  private static List<String> readAll(SpoolLineReader reader, List<Long> positions)
      throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      lines.add(line);
      positions.add(reader.position());
    }
    return lines;
  }

  @Test
  void linesAcrossTheBufferEdgeWithMultiByteCharactersResumeAtEveryOffset() throws IOException {
    List<String> expected = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      String line = i + " héllo wörld 你好 " + "x".repeat(i % 40);
      expected.add(line);
      text.append(line).append('\n');
    }
    text.append("no newline at the end");
    expected.add("no newline at the end");
    Path file = dir.resolve("f.log");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    assertThat(Files.size(file)).isGreaterThan(2 * 64 * 1024);

    List<Long> positions = new ArrayList<>();
    try (SpoolLineReader reader = new SpoolLineReader(file, 0, StandardCharsets.UTF_8,
        CodingErrorAction.REPORT, 2048)) {
      assertThat(readAll(reader, positions)).isEqualTo(expected);
    }
    assertThat(positions.get(positions.size() - 1)).isEqualTo(Files.size(file));
    for (int i : new int[] {0, 1000, 1500, 2999}) {
      try (SpoolLineReader resumed = new SpoolLineReader(file, positions.get(i),
          StandardCharsets.UTF_8, CodingErrorAction.REPORT, 2048)) {
        assertThat(readAll(resumed, new ArrayList<>()))
            .isEqualTo(expected.subList(i + 1, expected.size()));
      }
    }
  }

  @Test
  void aLineLongerThanTheBufferIsCutIntoPiecesThatResumeExactly() throws IOException {
    String longLine = "é".repeat(50_000); // 100,000 bytes
    Path file = dir.resolve("long.log");
    Files.writeString(file, longLine + "\nend\n", StandardCharsets.UTF_8);
    List<Long> positions = new ArrayList<>();
    try (SpoolLineReader reader = new SpoolLineReader(file, 0, StandardCharsets.UTF_8,
        CodingErrorAction.REPORT, 30_000)) {
      List<String> lines = readAll(reader, positions);
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).hasSize(30_000);
      assertThat(lines.get(0) + lines.get(1)).isEqualTo(longLine);
      assertThat(lines.get(2)).isEqualTo("end");
    }
    assertThat(positions.get(0)).isEqualTo(60_000);
    try (SpoolLineReader resumed = new SpoolLineReader(file, positions.get(0),
        StandardCharsets.UTF_8, CodingErrorAction.REPORT, 30_000)) {
      assertThat(resumed.readLine()).hasSize(20_000);
      assertThat(resumed.readLine()).isEqualTo("end");
      assertThat(resumed.readLine()).isNull();
    }
  }
}
