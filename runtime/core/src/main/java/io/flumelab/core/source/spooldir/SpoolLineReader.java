package io.flumelab.core.source.spooldir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a spooled file as lines (the LINE deserializer), knowing after each one the byte offset
 * where the next begins, so a restart can resume exactly there. A line is the text before
 * {@code \n} ({@code \r} stays, as in Flume); a line longer than {@code maxLineLength} characters is
 * cut and its rest comes as the next lines. The input charset must write {@code \n} as the byte
 * 0x0A (UTF-8, ISO-8859-x, GBK...), which lets lines be found without decoding.
 */
final class SpoolLineReader implements Closeable {

  private static final int BUFFER_SIZE = 64 * 1024;
  private static final byte LF = '\n';

  private final FileChannel file;
  private final CharsetDecoder decoder;
  private final CharBuffer line;
  /** Bytes read from the file, flipped for reading. */
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
  /** File offset just past the last byte in {@link #buffer}. */
  private long bufferEnd;
  private boolean eof;

  /** Thrown for undecodable bytes when the policy is FAIL; names the offset of the bad bytes. */
  static final class DecodeException extends IOException {
    private static final long serialVersionUID = 1L;
    final long offset;

    DecodeException(long offset, String message) {
      super(message);
      this.offset = offset;
    }
  }

  SpoolLineReader(Path path, long offset, Charset charset, CodingErrorAction onBadInput,
      int maxLineLength) throws IOException {
    this.file = FileChannel.open(path, StandardOpenOption.READ);
    this.file.position(offset);
    this.bufferEnd = offset;
    this.buffer.flip();
    this.decoder = charset.newDecoder().onMalformedInput(onBadInput)
        .onUnmappableCharacter(onBadInput);
    this.line = CharBuffer.allocate(maxLineLength);
  }

  /** The offset just past what {@link #readLine} has returned. */
  long position() {
    return bufferEnd - buffer.remaining();
  }

  /** The next line or cut piece of a long line, or null at the end of the file. */
  String readLine() throws IOException {
    line.clear();
    boolean any = false;
    while (true) {
      if (!buffer.hasRemaining() || !containsLf() && !eof && buffer.remaining() < BUFFER_SIZE) {
        if (!fill() && !buffer.hasRemaining()) {
          // end of file: a last line without newline ends here
          decode(true, buffer.limit());
          decoder.flush(line);
          decoder.reset();
          return any || line.position() > 0 ? finish() : null;
        }
      }
      any = true;
      int lf = indexOfLf();
      int limit = buffer.limit();
      boolean lineEnds = lf >= 0;
      if (lineEnds) {
        buffer.limit(lf);
      }
      CoderResult result;
      try {
        result = decode(lineEnds || eof, limit);
      } finally {
        buffer.limit(limit);
      }
      if (result.isOverflow()) {
        return finish(); // the line is longer than maxLineLength: its rest comes next
      }
      if (lineEnds) {
        buffer.position(lf + 1);
        decoder.flush(line);
        decoder.reset();
        return finish();
      }
      if (eof) {
        // undecodable bytes at the very end were skipped or replaced by decode
        buffer.position(buffer.limit());
      }
      // else: the line goes on in the bytes not read yet (maybe mid-character); read more
    }
  }

  /** Decodes up to the buffer's limit; {@code fullLimit} is where its bytes really end. */
  private CoderResult decode(boolean endOfInput, int fullLimit) throws DecodeException {
    CoderResult result = decoder.decode(buffer, line, endOfInput);
    if (result.isError()) {
      long offset = bufferEnd - (fullLimit - buffer.position());
      throw new DecodeException(offset, "bytes at offset " + offset
          + " are not valid " + decoder.charset().name() + " text");
    }
    return result;
  }

  private String finish() {
    line.flip();
    return line.toString();
  }

  private boolean containsLf() {
    return indexOfLf() >= 0;
  }

  private int indexOfLf() {
    for (int i = buffer.position(); i < buffer.limit(); i++) {
      if (buffer.get(i) == LF) {
        return i;
      }
    }
    return -1;
  }

  /** Reads more bytes after those not yet consumed; false at the end of the file. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    buffer.compact();
    int n;
    try {
      n = file.read(buffer);
    } finally {
      buffer.flip();
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    bufferEnd += n;
    return true;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
