package io.flumelab.filechannel;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** What tests do to a channel's files: find records, damage them, cut them short. */
final class LogFiles {

  /** A good record of a segment. */
  record RecordAt(long offset, byte type, long transactionId, int length) {
    long end() {
      return offset + length;
    }
  }

  private LogFiles() {}

  static Path segment(Path dataDir, int id) {
    return dataDir.resolve(SegmentFiles.name(id));
  }

  /** The good records of a segment, in order. */
  static List<RecordAt> records(Path segment) throws IOException {
    List<RecordAt> records = new ArrayList<>();
    try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ)) {
      new LogScanner().scan(segment, file, SegmentFiles.HEADER_BYTES, new LogScanner.Visitor() {
        @Override
        public void record(long offset, byte type, long transactionId, ByteBuffer buffer,
            int payloadAt, int payloadLength) {
          records.add(new RecordAt(offset, type, transactionId,
              LogRecords.HEADER_BYTES + payloadLength));
        }

        @Override
        public void damaged(long offset, long length, String problem, boolean resynced) {}
      });
    }
    return records;
  }

  static List<RecordAt> records(Path segment, byte type) throws IOException {
    return records(segment).stream().filter(r -> r.type() == type).toList();
  }

  /** Inverts every bit of the byte at {@code offset}. */
  static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int value = raf.read();
      raf.seek(offset);
      raf.write(~value);
    }
  }

  static void truncate(Path file, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    }
  }
}
