package io.flumelab.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies a run's output into its log file, keeping the first {@code head} bytes and the last
 * {@code tail}: a submission that prints without end cannot fill the instructor's disk, and the
 * log still shows how the build began (compiler errors) and how it ended (Maven's test summary).
 * What lies between is left out with a line saying how much.
 */
final class CappedLog {

  static final int HEAD = 8 << 20;
  static final int TAIL = 2 << 20;

  private final Path file;
  private final int head;
  private final byte[] tail;
  private long total;
  private int tailEnd;

  CappedLog(Path file, int head, int tail) {
    this.file = file;
    this.head = head;
    this.tail = new byte[tail];
  }

  /** Starts a daemon thread copying {@code from} until its end; join it to know the log is whole. */
  Thread copyInBackground(InputStream from) {
    Thread copier = new Thread(() -> {
      try {
        copy(from);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the log " + file, e);
      }
    }, "log " + file.getFileName());
    copier.setDaemon(true);
    copier.start();
    return copier;
  }

  void copy(InputStream from) throws IOException {
    byte[] buffer = new byte[64 << 10];
    try (InputStream in = from; OutputStream out = Files.newOutputStream(file)) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        int toHead = (int) Math.max(0, Math.min(read, head - total));
        out.write(buffer, 0, toHead);
        for (int i = toHead; i < read; i++) {
          tail[tailEnd] = buffer[i];
          tailEnd = (tailEnd + 1) % tail.length;
        }
        total += read;
      }
      long beyondHead = total - head;
      if (beyondHead > 0) {
        long omitted = beyondHead - Math.min(beyondHead, tail.length);
        if (omitted > 0) {
          out.write(String.format("%n[flumelab grade: %,d bytes of output left out of this log; "
              + "it keeps the first %,d and the last %,d]%n", omitted, head, tail.length)
              .getBytes(StandardCharsets.UTF_8));
        }
        int kept = (int) Math.min(beyondHead, tail.length);
        int start = Math.floorMod(tailEnd - kept, tail.length);
        for (int i = 0; i < kept; i++) {
          out.write(tail[(start + i) % tail.length]);
        }
      }
    }
  }
}
