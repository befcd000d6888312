package io.flumelab.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFileTest {

  @TempDir
  Path dir;

  @Test
  void readsWhatThePluginWrites() throws IOException {
    Path path = Files.writeString(dir.resolve("sql-source.status"),
        "{\"SourceName\":\"r1\",\"URL\":\"jdbc:mysql:\\/\\/h:3306\\/db\",\"ColumnsToSelect\":\"*\","
            + "\"Table\":\"student\",\"LastIndex\":\"1204\"}");
    assertThat(new StatusFile(path).read()).hasValueSatisfying(fields -> {
      assertThat(fields).containsEntry("LastIndex", "1204").containsEntry("URL",
          "jdbc:mysql://h:3306/db").containsEntry("Table", "student");
    });
  }

  @Test
  void aRewriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
    StatusFile file = new StatusFile(dir.resolve("r1.status"));
    assertThat(file.read()).isEmpty();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("SourceName", "r1");
    fields.put("LastIndex", "7");
    file.write(fields);
    fields.put("LastIndex", "中文 \"quoted\"");
    file.write(fields);
    assertThat(file.read()).hasValue(fields);
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("r1.status");
    }
  }

  /** The agent's stop interrupts the source's thread; rows already committed keep their position. */
  @Test
  void anInterruptedThreadStillWritesAndKeepsItsInterrupt() throws IOException {
    StatusFile file = new StatusFile(dir.resolve("r1.status"));
    Map<String, String> fields = Map.of("LastIndex", "42");
    Thread.currentThread().interrupt();
    try {
      file.write(fields);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(file.read()).hasValue(fields);
  }

  @Test
  void aTornFileIsAnErrorNotAFreshStart() throws IOException {
    Path path = Files.writeString(dir.resolve("r1.status"), "{\"SourceName\":\"r1\",\"LastIn");
    assertThatThrownBy(() -> new StatusFile(path).read()).isInstanceOf(IOException.class)
        .hasMessageContaining("not valid JSON");
  }
}
