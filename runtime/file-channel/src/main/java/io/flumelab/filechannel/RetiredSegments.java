package io.flumelab.filechannel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The file {@code retired} in the checkpoint directories: the highest segment id the channel has
 * deleted itself (segments go oldest first, so every id up to it). Written before the deletion,
 * it lets recovery tell a segment the channel retired, whose events had all been taken, from one
 * that went missing, whose events are lost.
 */
final class RetiredSegments {

  static final String NAME = "retired";

  private RetiredSegments() {}

  /** The highest retired id any of the directories records, or -1. */
  static int read(List<Path> checkpointDirs) {
    int highest = -1;
    for (Path dir : checkpointDirs) {
      try {
        String text = Files.readString(dir.resolve(NAME), StandardCharsets.US_ASCII).strip();
        highest = Math.max(highest, Integer.parseInt(text.replace("log-", "")));
      } catch (NoSuchFileException e) {
        // never retired any: a young channel
      } catch (IOException | NumberFormatException e) {
        // unreadable: treat as unknown, so a missing segment is reported as lost, not retired
      }
    }
    return highest;
  }

  /** Records that segments up to {@code id} are being deleted, durably, in every directory. */
  static void write(List<Path> checkpointDirs, int id) throws IOException {
    for (Path dir : checkpointDirs) {
      Path temporary = dir.resolve(NAME + ".tmp");
      Files.writeString(temporary, SegmentFiles.name(id) + "\n", StandardCharsets.US_ASCII);
      try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        file.force(true);
      }
      Files.move(temporary, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      DirectorySync.sync(dir);
    }
  }
}
