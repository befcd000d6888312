package com.example.tail;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.PollableSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A second answer to lab 09, written against FlumeLab's API as a pollable source: each
 * {@link #process()} reads the whole lines that have appeared, hands them over as one batch, then
 * records where it got to. The runner calls it again at once after READY and after a pause after
 * BACKOFF, so the source needs no thread of its own.
 */
public class TailSource extends AbstractSource implements Configurable, PollableSource {

  private static final int MAX_LINES = 200;

  private Path file;
  private Path positionFile;
  private long pause;
  private Charset charset;
  private RandomAccessFile open;
  private String openKey;
  private long position;

  @Override
  public void configure(Context context) {
    file = Path.of(context.getString("filePath"));
    positionFile = Path.of(context.getString("offsetPath"));
    pause = context.getLong("interval", 1000L);
    charset = Charset.forName(context.getString("charset", "UTF-8"));
  }

  @Override
  public synchronized void start() {
    Properties saved = new Properties();
    if (Files.exists(positionFile)) {
      try (var in = Files.newBufferedReader(positionFile)) {
        saved.load(in);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read " + positionFile, e);
      }
    }
    openKey = saved.getProperty("file", "");
    position = Long.parseLong(saved.getProperty("position", "0"));
    super.start();
  }

  @Override
  public synchronized void stop() {
    closeFile();
    super.stop();
  }

  @Override
  public Status process() throws EventDeliveryException {
    try {
      if (open == null && !openCurrentFile()) {
        return Status.BACKOFF;
      }
      if (open.length() < position) {
        position = 0; // truncated in place
      }
      List<Event> lines = new ArrayList<>();
      long after = readWholeLines(lines);
      if (lines.isEmpty()) {
        if (!keyOf(file).equals(openKey)) {
          closeFile(); // rotated: the old file is read to its end
          openKey = "";
          return Status.READY;
        }
        return Status.BACKOFF;
      }
      try {
        getChannelProcessor().processEventBatch(lines);
      } catch (ChannelException full) {
        return Status.BACKOFF; // nothing was put: the same lines are read again next time
      }
      position = after;
      savePosition();
      return Status.READY;
    } catch (IOException e) {
      closeFile();
      throw new EventDeliveryException("Cannot read " + file, e);
    }
  }

  private boolean openCurrentFile() throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    String key = keyOf(file);
    if (!key.equals(openKey)) {
      openKey = key;
      position = 0;
    }
    open = new RandomAccessFile(file.toFile(), "r");
    return true;
  }

  /** Reads up to MAX_LINES whole lines from the position; returns the position after the last. */
  private long readWholeLines(List<Event> lines) throws IOException {
    open.seek(position);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long read = position;
    long afterLastLine = position;
    byte[] chunk = new byte[8192];
    int n;
    while (lines.size() < MAX_LINES && (n = open.read(chunk)) > 0) {
      for (int i = 0; i < n && lines.size() < MAX_LINES; i++) {
        read++;
        if (chunk[i] == '\n') {
          lines.add(EventBuilder.withBody(new String(line.toByteArray(), charset),
              StandardCharsets.UTF_8));
          line.reset();
          afterLastLine = read;
        } else {
          line.write(chunk[i]);
        }
      }
    }
    return afterLastLine; // a line without its newline yet stays in the file for the next call
  }

  private void savePosition() throws IOException {
    Properties record = new Properties();
    record.setProperty("file", openKey);
    record.setProperty("position", Long.toString(position));
    Path next = positionFile.resolveSibling(positionFile.getFileName() + ".next");
    try (var out = Files.newBufferedWriter(next)) {
      record.store(out, null);
    }
    Files.move(next, positionFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void closeFile() {
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        // closing a file opened for reading only loses nothing
      }
      open = null;
    }
  }

  private static String keyOf(Path path) throws IOException {
    if (!Files.exists(path)) {
      return "";
    }
    return String.valueOf(Files.readAttributes(path, BasicFileAttributes.class).fileKey());
  }

  @Override
  public long getBackOffSleepIncrement() {
    return pause;
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return pause;
  }
}
