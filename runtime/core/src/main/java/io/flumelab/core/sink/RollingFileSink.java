package io.flumelab.core.sink;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.core.spi.BatchSink;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes event bodies to files in a local directory, one line per event, starting a new file every
 * {@code sink.rollInterval} seconds (type {@code file_roll}).
 *
 * <p>Keys, as in Flume: {@code sink.directory} (required), {@code sink.rollInterval} (30; 0 never
 * rolls), {@code sink.batchSize} (100), {@code sink.pathManager} (DEFAULT, with
 * {@code sink.pathManager.prefix} and {@code .extension}), {@code sink.serializer} (TEXT, with
 * {@code sink.serializer.appendNewline}, true). Files are named {@code <prefix><startMillis>-<n>}.
 *
 * <p>Where FlumeLab differs from Flume, on purpose:
 * <ul>
 *   <li>A missing, non-directory or read-only {@code sink.directory} is a configuration error
 *       (so {@code flume-ng check} reports it), not an error at every delivery attempt.
 *   <li>A file is opened when the first event of its period arrives, so an idle agent leaves no
 *       empty files; a file is closed once it is {@code rollInterval} old, whether events keep
 *       coming or not.
 *   <li>Each batch is written to the operating system before the transaction commits, so a killed
 *       agent loses no committed event; files are forced to disk when they are closed. A batch that
 *       fails is cut off the file and rolled back, so its retry writes it once.
 *   <li>A file deleted (or whose directory was removed) while open fails the batch instead of
 *       swallowing it; the next attempt starts a new file once the directory is back.
 *   <li>Only the TEXT serializer and the DEFAULT path manager exist; other values are errors.
 * </ul>
 */
public class RollingFileSink extends BatchSink implements Configurable {

  /** The {@code file_roll} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SINK, "file_roll", RollingFileSink.class)
      .flumeClass("org.apache.flume.sink.RollingFileSink")
      .settings(Setting.string("sink.directory").required("<value>"),
          Setting.longValue("sink.rollInterval"),
          Setting.string("sink.pathManager"),
          Setting.string("sink.pathManager.prefix"),
          Setting.string("sink.pathManager.extension"),
          Setting.string("sink.serializer"),
          Setting.bool("sink.serializer.appendNewline"))
      .batch(Setting.integer("sink.batchSize").defaultValue(100))
      .build();


  public static final String CONFIG_DIRECTORY = "sink.directory";
  public static final String CONFIG_ROLL_INTERVAL = "sink.rollInterval";
  public static final String CONFIG_BATCH_SIZE = "sink.batchSize";
  public static final String CONFIG_PATH_MANAGER = "sink.pathManager";
  public static final String CONFIG_PREFIX = "sink.pathManager.prefix";
  public static final String CONFIG_EXTENSION = "sink.pathManager.extension";
  public static final String CONFIG_SERIALIZER = "sink.serializer";
  public static final String CONFIG_APPEND_NEWLINE = "sink.serializer.appendNewline";

  public static final long DEFAULT_ROLL_INTERVAL_SECONDS = 30;
  public static final int DEFAULT_BATCH_SIZE = 100;

  private static final Set<String> TEXT_SERIALIZERS = Set.of("text",
      "org.apache.flume.serialization.bodytexteventserializer$builder");
  private static final Logger LOG = LoggerFactory.getLogger(RollingFileSink.class);

  private Path directory;
  private long rollIntervalNanos;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private String prefix = "";
  private String extension = "";
  private boolean appendNewline = true;
  private LongSupplier nanoClock = System::nanoTime;

  private final BatchBuffer buffer = new BatchBuffer();
  private RollingFileNames names;
  private RollingFileOutput output;

  @Override
  public void configure(Context context) {
    directory = directory(context.getString(CONFIG_DIRECTORY));
    long rollSeconds = context.getLong(CONFIG_ROLL_INTERVAL, DEFAULT_ROLL_INTERVAL_SECONDS);
    if (rollSeconds < 0) {
      throw new ConfigurationException(CONFIG_ROLL_INTERVAL, describe() + ": " + CONFIG_ROLL_INTERVAL
          + " must be 0 (never roll) or more seconds, not " + rollSeconds, "Set it to e.g. 30");
    }
    rollIntervalNanos = TimeUnit.SECONDS.toNanos(rollSeconds);
    int batch = context.getInteger(CONFIG_BATCH_SIZE, DEFAULT_BATCH_SIZE);
    if (batch < 1) {
      throw new ConfigurationException(CONFIG_BATCH_SIZE, describe() + ": " + CONFIG_BATCH_SIZE
          + " must be 1 or more, not " + batch,
          "Set it to at most the channel's transactionCapacity, e.g. 100");
    }
    batchSize = batch;
    String pathManager = context.getString(CONFIG_PATH_MANAGER, "DEFAULT");
    if (!pathManager.equalsIgnoreCase("DEFAULT")) {
      throw new ConfigurationException(CONFIG_PATH_MANAGER, describe() + ": path manager '"
          + pathManager + "' is not supported; FlumeLab names files with the DEFAULT one",
          "Remove " + CONFIG_PATH_MANAGER + " or set it to DEFAULT");
    }
    prefix = context.getString(CONFIG_PREFIX, "");
    extension = context.getString(CONFIG_EXTENSION, "");
    String serializer = context.getString(CONFIG_SERIALIZER, "TEXT");
    if (!TEXT_SERIALIZERS.contains(serializer.toLowerCase(Locale.ROOT))) {
      throw new ConfigurationException(CONFIG_SERIALIZER, describe() + ": serializer '" + serializer
          + "' is not supported; FlumeLab's file_roll sink writes event bodies as TEXT only",
          "Remove " + CONFIG_SERIALIZER + " or set it to TEXT");
    }
    appendNewline = context.getBoolean(CONFIG_APPEND_NEWLINE, true);
  }

  /** The directory must exist and be writable now: a forgotten mkdir is the commonest mistake. */
  private Path directory(String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(CONFIG_DIRECTORY, describe() + ": " + CONFIG_DIRECTORY
          + " is not set", "Add '" + CONFIG_DIRECTORY + " = <directory for the files>'");
    }
    Path dir = Path.of(value.trim()).toAbsolutePath().normalize();
    if (!Files.exists(dir)) {
      throw new ConfigurationException(CONFIG_DIRECTORY, describe() + ": directory " + dir
          + " does not exist", "Create it: mkdir -p " + dir);
    }
    if (!Files.isDirectory(dir)) {
      throw new ConfigurationException(CONFIG_DIRECTORY, describe() + ": " + dir
          + " is a file, not a directory", "Point " + CONFIG_DIRECTORY + " at a directory");
    }
    if (!Files.isWritable(dir)) {
      throw new ConfigurationException(CONFIG_DIRECTORY, describe() + ": directory " + dir
          + " is not writable by user " + System.getProperty("user.name"),
          "Make it writable: chmod u+w " + dir + " (or chown it to the agent's user)");
    }
    return dir;
  }

  @Override
  protected String describe() {
    return "File roll sink " + getName();
  }

  /** For tests: the clock that decides when a file is old enough to roll. */
  void setNanoClock(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  public Path getDirectory() {
    return directory;
  }

  public int getBatchSize() {
    return batchSize;
  }

  /** The file being written, or null between files. */
  synchronized Path currentFile() {
    return output == null ? null : output.path();
  }

  @Override
  public synchronized void start() {
    names = new RollingFileNames(directory, prefix, extension, System.currentTimeMillis());
    super.start();
  }

  @Override
  public synchronized void stop() {
    closeFile();
    super.stop();
  }

  @Override
  protected int batchSize() {
    return batchSize;
  }

  @Override
  public synchronized Status process() throws EventDeliveryException {
    rollIfDue();
    return super.process();
  }

  @Override
  protected void deliver(List<Event> events) throws IOException {
    buffer.reset();
    for (Event event : events) {
      buffer.add(event.getBody(), appendNewline);
    }
    openIfNeeded().append(buffer.contents());
  }

  @Override
  protected String deliveryFailed(Exception cause) {
    Path file = output == null ? null : output.path();
    closeFile(); // a file that failed once is not trusted again: the retry starts a new one
    String where = file == null ? " (writing to " + directory + ")" : " (writing " + file + ")";
    return Files.isDirectory(directory) ? where
        : where + "; directory " + directory + " is gone: create it again (mkdir -p " + directory + ")";
  }

  private void rollIfDue() {
    if (output != null && rollIntervalNanos > 0
        && nanoClock.getAsLong() - output.openedNanos() >= rollIntervalNanos) {
      LOG.debug("File roll sink {}: rolling {}", getName(), output.path());
      closeFile();
    }
  }

  private RollingFileOutput openIfNeeded() throws IOException {
    if (output == null) {
      try {
        output = RollingFileOutput.openNext(names, nanoClock.getAsLong());
      } catch (IOException e) {
        getCounter().incrementConnectionFailedCount();
        throw e;
      }
      getCounter().incrementConnectionCreatedCount();
      LOG.debug("File roll sink {}: writing {}", getName(), output.path());
    }
    return output;
  }

  private void closeFile() {
    if (output == null) {
      return;
    }
    try {
      output.close();
    } catch (IOException e) {
      LOG.warn("File roll sink {}: closing {} failed: {}", getName(), output.path(), e.toString());
    }
    output = null;
    getCounter().incrementConnectionClosedCount();
  }

  /** The serialized batch: bodies, each followed by a newline if asked; reused between batches. */
  private static final class BatchBuffer extends ByteArrayOutputStream {

    BatchBuffer() {
      super(8192);
    }

    void add(byte[] body, boolean newline) {
      if (body != null) {
        write(body, 0, body.length);
      }
      if (newline) {
        write('\n');
      }
    }

    ByteBuffer contents() {
      return ByteBuffer.wrap(buf, 0, count);
    }
  }
}
