package io.flumelab.core.source.taildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.FlumeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionFileTest {

  @TempDir
  Path dir;

  private PositionFile file() {
    return new PositionFile(dir.resolve("sub/pos.json"), "r1");
  }

  @Test
  void writesFlumesFormatAndReadsItBack() throws IOException {
    PositionFile file = file();
    List<Position> positions = List.of(new Position(2496799, 12, "/var/log/a \"quoted\".log"),
        new Position(7, 0, "/var/log/b.log"));

    file.write(positions);

    assertThat(Files.readString(file.path())).isEqualTo("[{\"inode\":2496799,\"pos\":12,"
        + "\"file\":\"/var/log/a \\\"quoted\\\".log\"},{\"inode\":7,\"pos\":0,"
        + "\"file\":\"/var/log/b.log\"}]");
    assertThat(file.load()).isEqualTo(Map.of(2496799L, positions.get(0), 7L, positions.get(1)));
    assertThat(Files.exists(dir.resolve("sub/pos.json.tmp"))).isFalse();
  }

  @Test
  void aMissingOrEmptyFileHasNoPositions() throws IOException {
    assertThat(file().load()).isEmpty();
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(file().path(), " \n");
    assertThat(file().load()).isEmpty();
  }

  @Test
  void unknownFieldsAreIgnored() throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(file().path(), "[{\"inode\":1,\"pos\":2,\"file\":\"/a\",\"x\":{\"y\":[1]}}]");

    assertThat(file().load()).containsEntry(1L, new Position(1, 2, "/a"));
  }

  @Test
  void everyKindOfDamageIsReportedWithTheFileAndTheFix() throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    for (String damaged : List.of("{}", "[{\"inode\":1,\"pos\":2}]",
        "[{\"inode\":\"1\",\"pos\":2,\"file\":\"/a\"}]", "[{\"inode\":1,\"pos\":-2,\"file\":\"/a\"}]",
        "[1]", "[] x", "[{\"inode\":1,")) {
      Files.writeString(file().path(), damaged);

      assertThatThrownBy(() -> file().load()).as(damaged)
          .isInstanceOf(FlumeException.class)
          .hasMessageStartingWith("TAILDIR source r1: the position file " + file().path()
              + " is not valid: ")
          .hasMessageContaining("Delete it");
    }
  }
}
