package io.flumelab.core.source.spooldir;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.api.FlumeException;
import io.flumelab.core.source.spooldir.SpoolScanner.ConsumeOrder;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files dropped into a directory, one event per line, and marks each done once all its
 * events are committed. Keys and defaults are Flume 1.11's: {@code spoolDir} (required),
 * {@code fileSuffix} (.COMPLETED), {@code deletePolicy} (never | immediate), {@code trackingPolicy}
 * (rename | tracker_dir), {@code fileHeader} (false) / {@code fileHeaderKey} (file),
 * {@code basenameHeader} (false) / {@code basenameHeaderKey} (basename), {@code includePattern}
 * (^.*$), {@code ignorePattern} (^$), {@code trackerDir} (.flumespool, relative to spoolDir),
 * {@code consumeOrder} (oldest | youngest | random), {@code recursiveDirectorySearch} (false),
 * {@code pollDelay} (500 ms), {@code maxBackoff} (4000 ms), {@code batchSize} (100),
 * {@code inputCharset} (UTF-8), {@code decodeErrorPolicy} (FAIL | REPLACE | IGNORE),
 * {@code deserializer} (LINE) with {@code deserializer.maxLineLength} (2048 characters) and
 * {@code deserializer.outputCharset} (UTF-8); {@code bufferMaxLineLength} (deprecated) stands for
 * deserializer.maxLineLength and {@code bufferMaxLines} is ignored, as in Flume.
 *
 * <p>Reliability: after each committed batch the offset of the next line is written to a small
 * marker file in trackerDir ({@link SpoolMarkers}); a restarted or killed agent resumes there, so
 * no line is lost and at most the one batch committed just before a kill is sent twice. A file is
 * renamed (or deleted) only after its last batch is committed. While the channels refuse a batch
 * the source retries it with a pause doubling from 250 ms up to maxBackoff.
 *
 * <p>Differences from Flume, on purpose: a file changed after it was picked up, a file whose done
 * name exists already (a reused name), or undecodable text under decodeErrorPolicy FAIL is
 * reported at ERROR naming the file and the fix, left as it is (not renamed), and the source goes on
 * with the other files; Flume stops the whole source until it is restarted. The input charset must
 * write a newline as the byte 0x0A (UTF-8, ISO-8859-x, GBK...; not UTF-16). Only the LINE
 * deserializer exists.
 */
public class SpoolDirectorySource extends AbstractSource
    implements EventDrivenSource, Configurable, Counted {

  /** The {@code spooldir} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SOURCE, "spooldir", SpoolDirectorySource.class)
      .flumeClass("org.apache.flume.source.SpoolDirectorySource")
      .settings(Setting.string("spoolDir").required("<value>"),
          Setting.string("fileSuffix"),
          Setting.string("deletePolicy"),
          Setting.string("trackingPolicy"),
          Setting.bool("fileHeader"),
          Setting.string("fileHeaderKey"),
          Setting.bool("basenameHeader"),
          Setting.string("basenameHeaderKey"),
          Setting.string("includePattern"),
          Setting.string("ignorePattern"),
          Setting.string("trackerDir"),
          Setting.string("consumeOrder"),
          Setting.bool("recursiveDirectorySearch"),
          Setting.longValue("pollDelay"),
          Setting.longValue("maxBackoff"),
          Setting.string("inputCharset"),
          Setting.string("decodeErrorPolicy"),
          Setting.string("deserializer"),
          Setting.integer("deserializer.maxLineLength"),
          Setting.string("deserializer.outputCharset"),
          Setting.integer("bufferMaxLineLength"),
          Setting.integer("bufferMaxLines"))
      .batch(Setting.integer("batchSize").defaultValue(100))
      .build();


  public static final String SPOOL_DIRECTORY = "spoolDir";
  public static final String FILE_SUFFIX = "fileSuffix";
  public static final String DELETE_POLICY = "deletePolicy";
  public static final String TRACKING_POLICY = "trackingPolicy";
  public static final String FILE_HEADER = "fileHeader";
  public static final String FILE_HEADER_KEY = "fileHeaderKey";
  public static final String BASENAME_HEADER = "basenameHeader";
  public static final String BASENAME_HEADER_KEY = "basenameHeaderKey";
  public static final String INCLUDE_PATTERN = "includePattern";
  public static final String IGNORE_PATTERN = "ignorePattern";
  public static final String TRACKER_DIR = "trackerDir";
  public static final String CONSUME_ORDER = "consumeOrder";
  public static final String RECURSIVE = "recursiveDirectorySearch";
  public static final String POLL_DELAY = "pollDelay";
  public static final String MAX_BACKOFF = "maxBackoff";
  public static final String BATCH_SIZE = "batchSize";
  public static final String INPUT_CHARSET = "inputCharset";
  public static final String DECODE_ERROR_POLICY = "decodeErrorPolicy";
  public static final String DESERIALIZER = "deserializer";
  public static final String MAX_LINE_LENGTH = "deserializer.maxLineLength";
  public static final String OUTPUT_CHARSET = "deserializer.outputCharset";
  public static final String BUFFER_MAX_LINE_LENGTH = "bufferMaxLineLength";
  public static final String BUFFER_MAX_LINES = "bufferMaxLines";

  private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectorySource.class);
  private static final long STOP_TIMEOUT_SECONDS = 15;

  /** The settings the worker reads by. */
  record Settings(Path spoolDir, Path trackerDir, String fileSuffix, boolean deleteImmediately,
      boolean trackerDirPolicy, boolean fileHeader, String fileHeaderKey, boolean basenameHeader,
      String basenameHeaderKey, Pattern include, Pattern ignore, ConsumeOrder consumeOrder,
      boolean recursive, long pollDelay, long maxBackoff, int batchSize, Charset inputCharset,
      CodingErrorAction decodeErrorAction, int maxLineLength, Charset outputCharset) {

    /** Done files get the suffix; otherwise they are deleted or recorded in trackerDir. */
    boolean renames() {
      return !deleteImmediately && !trackerDirPolicy;
    }
  }

  private Settings settings;
  private volatile SourceCounter counter;
  private SpoolWorker worker;
  private Thread thread;

  @Override
  public void configure(Context context) {
    String dir = context.getString(SPOOL_DIRECTORY);
    if (dir == null || dir.isEmpty()) {
      throw new ConfigurationException(SPOOL_DIRECTORY,
          "Spooling directory source " + getName() + " needs spoolDir, the directory to read "
              + "files from", "Add spoolDir = /path/to/spool");
    }
    Path spoolDir = Path.of(dir).toAbsolutePath().normalize();
    Path trackerDir = spoolDir.resolve(context.getString(TRACKER_DIR, ".flumespool")).normalize();
    String suffix = context.getString(FILE_SUFFIX, ".COMPLETED");
    if (suffix.isEmpty()) {
      throw new ConfigurationException(FILE_SUFFIX, "Spooling directory source " + getName()
          + ": fileSuffix must not be empty, or done files could not be told from new ones",
          "Remove fileSuffix to use .COMPLETED");
    }
    String deletePolicy = oneOf(context, DELETE_POLICY, "never", "never", "immediate");
    String trackingPolicy = oneOf(context, TRACKING_POLICY, "rename", "rename", "tracker_dir");
    String order = oneOf(context, CONSUME_ORDER, "oldest", "oldest", "youngest", "random");
    String policy = oneOf(context, DECODE_ERROR_POLICY, "FAIL", "FAIL", "REPLACE", "IGNORE");
    String deserializer = context.getString(DESERIALIZER, "LINE");
    if (!deserializer.equalsIgnoreCase("LINE")
        && !deserializer.equals("org.apache.flume.serialization.LineDeserializer$Builder")) {
      throw new ConfigurationException(DESERIALIZER, "Spooling directory source " + getName()
          + ": deserializer " + deserializer + " is not available in FlumeLab; only LINE is",
          "Remove deserializer to read one event per line");
    }
    int maxLineLength;
    if (context.containsKey(MAX_LINE_LENGTH) || !context.containsKey(BUFFER_MAX_LINE_LENGTH)) {
      maxLineLength = (int) atLeast(context, MAX_LINE_LENGTH, 2048, 1);
    } else {
      maxLineLength = (int) atLeast(context, BUFFER_MAX_LINE_LENGTH, 5000, 1);
      LOG.warn("Spooling directory source {}: bufferMaxLineLength is deprecated; use "
          + "deserializer.maxLineLength", getName());
    }
    if (context.containsKey(BUFFER_MAX_LINES)) {
      LOG.warn("Spooling directory source {}: bufferMaxLines is obsolete and ignored", getName());
    }
    settings = new Settings(spoolDir, trackerDir, suffix, deletePolicy.equals("immediate"),
        deletePolicy.equals("never") && trackingPolicy.equals("tracker_dir"),
        context.getBoolean(FILE_HEADER, false), context.getString(FILE_HEADER_KEY, "file"),
        context.getBoolean(BASENAME_HEADER, false),
        context.getString(BASENAME_HEADER_KEY, "basename"),
        pattern(context, INCLUDE_PATTERN, "^.*$"), pattern(context, IGNORE_PATTERN, "^$"),
        ConsumeOrder.valueOf(order.toUpperCase(Locale.ROOT)),
        context.getBoolean(RECURSIVE, false), atLeast(context, POLL_DELAY, 500, 1),
        atLeast(context, MAX_BACKOFF, 4000, 1), (int) atLeast(context, BATCH_SIZE, 100, 1),
        charset(context, INPUT_CHARSET, true), switch (policy) {
          case "REPLACE" -> CodingErrorAction.REPLACE;
          case "IGNORE" -> CodingErrorAction.IGNORE;
          default -> CodingErrorAction.REPORT;
        }, maxLineLength, charset(context, OUTPUT_CHARSET, false));
  }

  private String oneOf(Context context, String key, String defaultValue, String... allowed) {
    String value = context.getString(key, defaultValue);
    for (String a : allowed) {
      if (a.equalsIgnoreCase(value)) {
        return a;
      }
    }
    throw new ConfigurationException(key, "Spooling directory source " + getName() + ": " + key
        + " is '" + value + "'", "Use one of " + String.join(", ", allowed));
  }

  private long atLeast(Context context, String key, long defaultValue, long min) {
    long value = context.getLong(key, defaultValue);
    if (value < min || value > Integer.MAX_VALUE) {
      throw new ConfigurationException(key, "Spooling directory source " + getName() + ": " + key
          + " must be from " + min + " to " + Integer.MAX_VALUE + ", not " + value,
          "Remove " + key + " to use the default, " + defaultValue);
    }
    return value;
  }

  private Pattern pattern(Context context, String key, String defaultValue) {
    String regex = context.getString(key, defaultValue);
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigurationException(key, "Spooling directory source " + getName() + ": " + key
          + " is not a valid regular expression: " + e.getDescription(),
          "Use a Java regular expression matched against whole file names, such as ^.*\\.log$");
    }
  }

  private Charset charset(Context context, String key, boolean mustFrameLines) {
    String name = context.getString(key, "UTF-8");
    Charset charset;
    try {
      charset = Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ConfigurationException(key, "Spooling directory source " + getName()
          + ": unknown charset '" + name + "'", "Use a Java charset name such as UTF-8 or GBK");
    }
    String probe = "\n\r az AZ 09";
    if (mustFrameLines && (!charset.canEncode() || !Arrays.equals(probe.getBytes(charset),
        probe.getBytes(StandardCharsets.US_ASCII)))) {
      throw new ConfigurationException(key, "Spooling directory source " + getName() + ": "
          + charset.name() + " does not write a newline as one byte, so lines cannot be found",
          "Use UTF-8, ISO-8859-1, GBK or another ASCII-compatible charset");
    }
    return charset;
  }

  @Override
  public SourceCounter getCounter() {
    SourceCounter c = counter;
    if (c == null) {
      synchronized (this) {
        if (counter == null) {
          counter = new SourceCounter(getName());
        }
        c = counter;
      }
    }
    return c;
  }

  @Override
  public synchronized void start() {
    if (getChannelProcessor() == null) {
      throw new IllegalStateException("Spooling directory source " + getName()
          + " has no channel processor");
    }
    if (settings == null) {
      throw new IllegalStateException("Spooling directory source " + getName()
          + " is not configured");
    }
    if (thread != null) {
      throw new IllegalStateException("Spooling directory source " + getName()
          + " is already started");
    }
    Path dir = settings.spoolDir();
    String where = "(<agent>.sources." + getName() + ".spoolDir)";
    if (!Files.isDirectory(dir)) {
      throw new FlumeException("Spooling directory source " + getName() + ": the directory "
          + dir + " does not exist. Create it (mkdir -p " + dir + ") or fix spoolDir " + where);
    }
    if (!Files.isReadable(dir) || !Files.isWritable(dir)) {
      throw new FlumeException("Spooling directory source " + getName() + ": the agent cannot "
          + "read and write " + dir + " (it renames done files there); fix its permissions "
          + where);
    }
    try {
      Files.createDirectories(settings.trackerDir());
      worker = new SpoolWorker(this, settings, getCounter());
    } catch (IOException e) {
      throw new FlumeException("Spooling directory source " + getName() + ": cannot use the "
          + "tracker directory " + settings.trackerDir() + ": " + e
          + " (<agent>.sources." + getName() + ".trackerDir)", e);
    }
    getCounter().start();
    super.start();
    thread = new Thread(worker, "spooldir-" + getName());
    thread.setDaemon(true);
    thread.start();
    LOG.info("Spooling directory source {} watching {}", getName(), dir);
  }

  @Override
  public synchronized void stop() {
    Thread t = thread;
    thread = null;
    if (t != null) {
      worker.stop();
      try {
        t.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn("Spooling directory source {}: its thread did not end within {} s of the stop",
            getName(), STOP_TIMEOUT_SECONDS);
      }
      LOG.info("Spooling directory source {} stopped", getName());
    }
    getCounter().stop();
    super.stop();
  }
}
