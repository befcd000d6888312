package io.flumelab.filechannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Segment files: {@code log-<id>}, ids global and increasing, segment {@code id} in data directory
 * {@code id mod k}. Each begins with a 16-byte header (magic {@code FLSG}, format version,
 * the id again, a CRC32C of those), so a file renamed or copied into the wrong place is noticed.
 * Records start after it.
 */
final class SegmentFiles {

  static final int HEADER_BYTES = 16;
  private static final int MAGIC = 0x464C_5347; // "FLSG"
  private static final int VERSION = 1;
  private static final Pattern NAME = Pattern.compile("log-(\\d{1,10})");

  /** A segment found on disk. */
  record Found(int id, Path path, long size) {}

  private SegmentFiles() {}

  static String name(int id) {
    return "log-" + id;
  }

  /** The directory the segment with this id is written to: they take turns. */
  static Path directoryFor(int id, List<Path> dataDirs) {
    return dataDirs.get(Math.floorMod(id, dataDirs.size()));
  }

  /**
   * The segments in the data directories, by id. A segment is looked for in every directory, not
   * only its turn's, so a channel whose {@code dataDirs} changed still finds its log.
   */
  static List<Found> list(List<Path> dataDirs) throws IOException {
    List<Found> found = new ArrayList<>();
    for (Path dir : dataDirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "log-*")) {
        for (Path file : files) {
          Matcher matcher = NAME.matcher(file.getFileName().toString());
          if (matcher.matches() && Files.isRegularFile(file)) {
            long id = Long.parseLong(matcher.group(1));
            if (id <= Integer.MAX_VALUE) {
              found.add(new Found((int) id, file, Files.size(file)));
            }
          }
        }
      }
    }
    found.sort(Comparator.comparingInt(Found::id));
    return found;
  }

  static ByteBuffer header(int id) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(MAGIC).putInt(VERSION).putInt(id);
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, 12);
    header.putInt((int) crc.getValue());
    return header.flip();
  }

  /** What is wrong with the header of the segment that should have this id, or null. */
  static String headerProblem(FileChannel file, int id) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    while (header.hasRemaining() && file.read(header, header.position()) > 0) {
      // read until full or end of file
    }
    if (header.hasRemaining()) {
      return "the segment header is cut short (" + header.position() + " of " + HEADER_BYTES
          + " bytes)";
    }
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, 12);
    if (header.getInt(0) != MAGIC || header.getInt(12) != (int) crc.getValue()) {
      return "it does not begin with a FlumeLab segment header";
    }
    if (header.getInt(4) != VERSION) {
      return "its format version is " + header.getInt(4) + "; this FlumeLab reads version "
          + VERSION;
    }
    if (header.getInt(8) != id) {
      return "its header says it is " + name(header.getInt(8)) + " (a file renamed?)";
    }
    return null;
  }
}
