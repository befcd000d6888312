package io.flumelab.filechannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The checkpoint file, {@code checkpoint} in a checkpoint directory:
 *
 * <pre>
 *   int  magic FLCP        int  format version
 *   long written at (ms)   long log position (pointer)   long next transaction id
 *   int  number of events  long[] their pointers, head first
 *   int  CRC32C of every byte before it
 * </pre>
 *
 * <p>Written whole to {@code checkpoint.tmp}, fsynced, renamed over {@code checkpoint} and the
 * directory fsynced: a crash leaves the old checkpoint or the new one, never half of one. Written
 * and read in 64 KB pieces, so a checkpoint of a million events needs no 8 MB array.
 */
final class CheckpointFile {

  static final String NAME = "checkpoint";
  private static final String TEMPORARY = "checkpoint.tmp";
  private static final int MAGIC = 0x464C_4350; // "FLCP"
  private static final int VERSION = 1;
  private static final int HEAD_BYTES = 4 + 4 + 8 + 8 + 8 + 4;
  private static final int CHUNK_BYTES = 64 * 1024;

  /** A checkpoint file that exists but cannot be used. */
  static final class CorruptCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptCheckpointException(String message) {
      super(message);
    }
  }

  private CheckpointFile() {}

  static Path in(Path dir) {
    return dir.resolve(NAME);
  }

  static void write(Path dir, Checkpoint checkpoint) throws IOException {
    Path temporary = dir.resolve(TEMPORARY);
    CRC32C crc = new CRC32C();
    try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
      chunk.putInt(MAGIC).putInt(VERSION).putLong(checkpoint.writtenAtMillis())
          .putLong(checkpoint.position()).putLong(checkpoint.nextTransactionId())
          .putInt(checkpoint.pointers().length);
      for (long pointer : checkpoint.pointers()) {
        if (chunk.remaining() < 8) {
          flush(chunk, file, crc);
        }
        chunk.putLong(pointer);
      }
      if (chunk.remaining() < 4) {
        flush(chunk, file, crc);
      }
      crc.update(chunk.array(), 0, chunk.position());
      chunk.putInt((int) crc.getValue());
      chunk.flip();
      while (chunk.hasRemaining()) {
        file.write(chunk);
      }
      file.force(true);
    }
    Files.move(temporary, in(dir), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    DirectorySync.sync(dir);
  }

  /** The checkpoint in {@code dir}, or empty when there is none. */
  static Optional<Checkpoint> read(Path dir) throws IOException {
    Path path = in(dir);
    try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = file.size();
      if (size < HEAD_BYTES + 4) {
        throw new CorruptCheckpointException(path + " is " + size + " bytes, too short for a "
            + "checkpoint");
      }
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
      CRC32C crc = new CRC32C();
      readAt(file, chunk, 0, HEAD_BYTES);
      int magic = chunk.getInt(0);
      int version = chunk.getInt(4);
      if (magic != MAGIC) {
        throw new CorruptCheckpointException(path + " is not a FlumeLab checkpoint");
      }
      if (version != VERSION) {
        throw new CorruptCheckpointException(path + " has format version " + version
            + "; this FlumeLab reads version " + VERSION);
      }
      long writtenAt = chunk.getLong(8);
      long position = chunk.getLong(16);
      long nextTransactionId = chunk.getLong(24);
      int count = chunk.getInt(32);
      if (count < 0 || size != HEAD_BYTES + 8L * count + 4) {
        throw new CorruptCheckpointException(path + " is " + size + " bytes, but says it holds "
            + count + " events (" + (HEAD_BYTES + 8L * count + 4) + " bytes): cut short or "
            + "damaged");
      }
      crc.update(chunk.array(), 0, HEAD_BYTES);
      long[] pointers = new long[count];
      long at = HEAD_BYTES;
      int filled = 0;
      while (filled < count) {
        int batch = Math.min(count - filled, CHUNK_BYTES / 8);
        readAt(file, chunk, at, batch * 8);
        crc.update(chunk.array(), 0, batch * 8);
        for (int i = 0; i < batch; i++) {
          pointers[filled++] = chunk.getLong(i * 8);
        }
        at += batch * 8L;
      }
      readAt(file, chunk, at, 4);
      if (chunk.getInt(0) != (int) crc.getValue()) {
        throw new CorruptCheckpointException(path + " fails its checksum: damaged");
      }
      return Optional.of(new Checkpoint(writtenAt, position, nextTransactionId, pointers));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static void flush(ByteBuffer chunk, FileChannel file, CRC32C crc) throws IOException {
    chunk.flip();
    crc.update(chunk.array(), 0, chunk.limit());
    while (chunk.hasRemaining()) {
      file.write(chunk);
    }
    chunk.clear();
  }

  private static void readAt(FileChannel file, ByteBuffer chunk, long position, int bytes)
      throws IOException {
    chunk.clear().limit(bytes);
    while (chunk.hasRemaining()) {
      if (file.read(chunk, position + chunk.position()) < 0) {
        throw new CorruptCheckpointException("the checkpoint ends early");
      }
    }
  }
}
