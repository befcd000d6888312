package com.atguigu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flume.ChannelException;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDrivenSource;
import org.apache.flume.conf.Configurable;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.source.AbstractSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lab 09, reference answer: follows one file and resumes at its saved offset after a restart.
 *
 * <p>The reading thread takes whole lines only (bytes up to a newline), decodes them with the
 * configured charset, hands a batch to the channel, and only then records the position after the
 * batch. The record is written to a temporary file that replaces the offset file in one rename, so
 * a crash leaves either the old offset or the new one, never an empty file. A refused batch (full
 * channel) is offered again after a pause. A file whose key (inode) changed was rotated: the old one
 * is read to its end first. A file shorter than the position was truncated: it is read from 0.
 * A crash between the channel's commit and the rename repeats at most one batch.
 */
public class MyFileSource2 extends AbstractSource implements Configurable, EventDrivenSource {

  private static final Logger logger = LoggerFactory.getLogger(MyFileSource2.class);

  private Path filePath;
  private Path offsetPath;
  private long interval;
  private Charset charset;
  private int batchSize;
  private volatile boolean running;
  private Thread reader;

  @Override
  public void configure(Context context) {
    filePath = Path.of(required(context, "filePath"));
    offsetPath = Path.of(required(context, "offsetPath"));
    interval = context.getLong("interval", 1000L);
    charset = Charset.forName(context.getString("charset", "UTF-8"));
    batchSize = context.getInteger("batchSize", 100);
  }

  private static String required(Context context, String key) {
    String value = context.getString(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is required: the file to follow (filePath) and "
          + "where to keep the offset (offsetPath)");
    }
    return value;
  }

  @Override
  public synchronized void start() {
    running = true;
    reader = new Thread(this::follow, "resumable-file-source-" + getName());
    reader.start();
    super.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    reader.interrupt();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    super.stop();
  }

  /** The reading thread: nothing it meets ends it but stop(). */
  private void follow() {
    Offset offset = Offset.read(offsetPath);
    FileChannel file = null;
    Object key = null;
    while (running) {
      try {
        if (file == null) {
          if (!Files.exists(filePath)) {
            pause();
            continue;
          }
          file = FileChannel.open(filePath, StandardOpenOption.READ);
          key = fileKey(filePath);
          if (!Objects.equals(String.valueOf(key), offset.fileKey())) {
            offset = new Offset(String.valueOf(key), 0); // another file than the one recorded
          }
        }
        if (file.size() < offset.position()) {
          logger.warn("{} is shorter than the offset {}: it was truncated; reading it from its "
              + "start", filePath, offset.position());
          offset = new Offset(offset.fileKey(), 0);
        }
        List<Event> batch = new ArrayList<>();
        long next = readLines(file, offset.position(), batch);
        if (!batch.isEmpty()) {
          deliver(batch);
          offset = new Offset(offset.fileKey(), next);
          offset.write(offsetPath);
          continue;
        }
        if (Files.exists(filePath) && !Objects.equals(fileKey(filePath), key)) {
          logger.info("{} was rotated: now reading the new file from its start", filePath);
          file.close();
          file = null;
          continue;
        }
        pause();
      } catch (IOException e) {
        logger.warn("Cannot read {}: trying again in {} ms", filePath, interval, e);
        if (!pauseQuietly()) {
          break;
        }
      } catch (InterruptedException e) {
        break;
      }
    }
    try {
      if (file != null) {
        file.close();
      }
    } catch (IOException e) {
      logger.debug("close", e);
    }
  }

  /** Reads whole lines from {@code position} into {@code batch}; returns the position after them. */
  private long readLines(FileChannel file, long position, List<Event> batch) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    file.read(buffer, position);
    buffer.flip();
    int start = 0;
    long next = position;
    for (int i = 0; i < buffer.limit() && batch.size() < batchSize; i++) {
      if (buffer.get(i) == '\n') {
        int end = i > start && buffer.get(i - 1) == '\r' ? i - 1 : i;
        byte[] line = new byte[end - start];
        buffer.get(start, line);
        batch.add(EventBuilder.withBody(new String(line, charset), StandardCharsets.UTF_8));
        start = i + 1;
        next = position + start;
      }
    }
    return next;
  }

  /** Hands the batch to the channel, offering it again while the channel refuses it. */
  private void deliver(List<Event> batch) throws InterruptedException {
    while (true) {
      try {
        getChannelProcessor().processEventBatch(batch);
        return;
      } catch (ChannelException e) {
        if (!running) {
          throw new InterruptedException("stopped while the channel refused a batch");
        }
        logger.warn("The channel refused {} lines ({}): offering them again in {} ms", batch.size(),
            e.getMessage(), interval);
        Thread.sleep(interval);
      }
    }
  }

  private void pause() throws InterruptedException {
    Thread.sleep(interval);
  }

  /** Pauses; false when stop() interrupted the pause. */
  private boolean pauseQuietly() {
    try {
      pause();
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static Object fileKey(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The file being read (its key) and the position after the last line the channel accepted. */
  private record Offset(String fileKey, long position) {

    static Offset read(Path path) {
      try {
        String[] parts = Files.readString(path, StandardCharsets.UTF_8).strip().split("\t");
        return new Offset(parts[0], Long.parseLong(parts[1]));
      } catch (NoSuchFileException e) {
        return new Offset("", 0);
      } catch (IOException | RuntimeException e) {
        logger.warn("Cannot read the offset in {}: starting at 0", path, e);
        return new Offset("", 0);
      }
    }

    /** Replaces the offset file in one rename: a crash leaves the old record or the new one. */
    void write(Path path) {
      Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(ByteBuffer.wrap((fileKey + "\t" + position + "\n").getBytes(StandardCharsets.UTF_8)));
        out.force(true);
      } catch (IOException e) {
        logger.warn("Cannot write the offset to {}", temporary, e);
        return;
      }
      try {
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        logger.warn("{} cannot be replaced atomically", path, e);
      } catch (IOException e) {
        logger.warn("Cannot replace {}", path, e);
      }
    }
  }
}
