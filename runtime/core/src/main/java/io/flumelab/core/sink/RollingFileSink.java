package io.flumelab.core.sink;

import static io.flumelab.core.spi.ComponentKind.SINK;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.core.spi.BatchSink;
import io.flumelab.core.spi.Check;
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
 * {@code sink.rollInterval} seconds (type {@code file_roll}). Files are named
 * {@code <prefix><startMillis>-<n>[.<extension>]}, as Flume's DEFAULT path manager names them.
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

  static final Setting<String> DIRECTORY = Setting.string("sink.directory")
      .required("/opt/module/flume/rolled")
      .doc("the local directory to write the files in; it must exist");
  static final Setting<Long> ROLL_INTERVAL = Setting.seconds("sink.rollInterval").defaultValue(30L)
      .doc("how old a file gets before the next one is started; 0 keeps one file");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("sink.batchSize").defaultValue(100)
      .check(Check.atLeast(1)).doc("events per channel transaction");
  static final Setting<String> PATH_MANAGER = Setting.string("sink.pathManager")
      .defaultValue("DEFAULT").check(only("DEFAULT", Set.of("default"),
          "FlumeLab names files with the DEFAULT path manager"))
      .doc("how files are named: DEFAULT, <prefix><startMillis>-<n>");
  static final Setting<String> PREFIX = Setting.string("sink.pathManager.prefix").defaultValue("")
      .doc("text in front of each file name");
  static final Setting<String> EXTENSION = Setting.string("sink.pathManager.extension")
      .defaultValue("").doc("the file names' extension, without the dot");
  static final Setting<String> SERIALIZER = Setting.string("sink.serializer").defaultValue("TEXT")
      .check(only("TEXT", Set.of("text",
          "org.apache.flume.serialization.bodytexteventserializer$builder"),
          "FlumeLab's file_roll sink writes event bodies as TEXT only"))
      .doc("how events are written: TEXT, the body alone");
  static final Setting<Boolean> APPEND_NEWLINE = Setting.bool("sink.serializer.appendNewline")
      .defaultValue(true).doc("end each body with a newline");

  public static final ComponentSpec SPEC = ComponentSpec.builder(SINK, "file_roll",
          RollingFileSink.class)
      .flumeClass("org.apache.flume.sink.RollingFileSink")
      .settings(DIRECTORY, ROLL_INTERVAL, PATH_MANAGER, PREFIX, EXTENSION, SERIALIZER,
          APPEND_NEWLINE)
      .batch(BATCH_SIZE)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(RollingFileSink.class);

  private Path directory;
  private long rollIntervalNanos;
  private String prefix = "";
  private String extension = "";
  private boolean appendNewline = true;
  private LongSupplier nanoClock = System::nanoTime;

  private final BatchBuffer buffer = new BatchBuffer();
  private RollingFileNames names;
  private RollingFileOutput output;

  public RollingFileSink() {
    super(BATCH_SIZE);
  }

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    directory = directory(settings.get(DIRECTORY));
    rollIntervalNanos = TimeUnit.SECONDS.toNanos(settings.get(ROLL_INTERVAL));
    configureBatch(settings);
    settings.get(PATH_MANAGER); // checked: DEFAULT is the only one
    prefix = settings.get(PREFIX);
    extension = settings.get(EXTENSION);
    settings.get(SERIALIZER); // checked: TEXT is the only one
    appendNewline = settings.get(APPEND_NEWLINE);
  }

  /**
   * The one value FlumeLab supports of a key Flume offers more for; {@code accepted} are its
   * spellings, in lower case.
   */
  private static Check<String> only(String value, Set<String> accepted, String why) {
    return new Check<>(value + " only",
        text -> accepted.contains(text.trim().toLowerCase(Locale.ROOT)),
        text -> "'" + text + "' is not supported; " + why,
        "Remove it or set it to " + value + ".");
  }

  /** The directory must exist and be writable now: a forgotten mkdir is the commonest mistake. */
  private Path directory(String value) {
    String key = DIRECTORY.key();
    Path dir = Path.of(value.trim()).toAbsolutePath().normalize();
    if (!Files.exists(dir)) {
      throw new ConfigurationException(key, describe() + ": directory " + dir
          + " does not exist", "Create it: mkdir -p " + dir);
    }
    if (!Files.isDirectory(dir)) {
      throw new ConfigurationException(key, describe() + ": " + dir
          + " is a file, not a directory", "Point " + key + " at a directory");
    }
    if (!Files.isWritable(dir)) {
      throw new ConfigurationException(key, describe() + ": directory " + dir
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
