package io.flumelab.core.source.spooldir;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.api.FlumeException;
import io.flumelab.core.source.spooldir.SpoolScanner.ConsumeOrder;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files dropped into a directory, one event per line, and marks each done once all its
 * events are committed. {@code bufferMaxLineLength} (deprecated) stands for
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
 * reported at ERROR naming the file and the fix, left as it is (not renamed), and the source
 * goes on with the other files; Flume stops the whole source until it is restarted. A file that
 * cannot be read (no permission, an I/O error) is reported once at ERROR and counted
 * ({@code EventReadFail}), set aside while the others are read, and tried again when it changes
 * (a chmod moves its status-change time) or after a pause doubling from 10 s to 5 min. The input
 * charset must write a newline as the byte 0x0A (UTF-8, ISO-8859-x, GBK...; not UTF-16). Only the
 * LINE deserializer exists.
 */
public class SpoolDirectorySource extends CountedSource
    implements EventDrivenSource, Configurable, BatchSizeSupported {

  static final Setting<String> SPOOL_DIR = Setting.string("spoolDir")
      .required("/var/log/flume-spool").doc("the directory to read files from");
  static final Setting<String> FILE_SUFFIX = Setting.string("fileSuffix")
      .defaultValue(".COMPLETED").check(notEmpty("done files could not be told from new ones"))
      .doc("appended to the name of a file once all its lines are sent");
  static final Setting<String> DELETE_POLICY = Setting.string("deletePolicy")
      .defaultValue("never").check(Check.oneOf("never", "immediate"))
      .doc("delete a file once all its lines are sent (immediate) or keep it (never)");
  static final Setting<String> TRACKING_POLICY = Setting.string("trackingPolicy")
      .defaultValue("rename").check(Check.oneOf("rename", "tracker_dir"))
      .doc("mark a done file by renaming it, or by a file in trackerDir (tracker_dir)");
  static final Setting<Boolean> FILE_HEADER = Setting.bool("fileHeader").defaultValue(false)
      .doc("add the file's absolute path as a header");
  static final Setting<String> FILE_HEADER_KEY = Setting.string("fileHeaderKey")
      .defaultValue("file").doc("the header name of the file's path");
  static final Setting<Boolean> BASENAME_HEADER = Setting.bool("basenameHeader")
      .defaultValue(false).doc("add the file's name as a header");
  static final Setting<String> BASENAME_HEADER_KEY = Setting.string("basenameHeaderKey")
      .defaultValue("basename").doc("the header name of the file's name");
  static final Setting<Pattern> INCLUDE_PATTERN = Setting.regex("includePattern")
      .defaultValue(Pattern.compile("^.*$")).doc("read only files whose whole name matches");
  static final Setting<Pattern> IGNORE_PATTERN = Setting.regex("ignorePattern")
      .defaultValue(Pattern.compile("^$")).doc("skip files whose whole name matches");
  static final Setting<String> TRACKER_DIR = Setting.string("trackerDir")
      .defaultValue(".flumespool").doc("where progress is kept; relative to spoolDir");
  static final Setting<String> CONSUME_ORDER = Setting.string("consumeOrder")
      .defaultValue("oldest").check(Check.oneOf("oldest", "youngest", "random"))
      .doc("which file to read next, by modification time");
  static final Setting<Boolean> RECURSIVE = Setting.bool("recursiveDirectorySearch")
      .defaultValue(false).doc("read files in subdirectories too");
  static final Setting<Long> POLL_DELAY = Setting.millis("pollDelay").defaultValue(500L)
      .check(Check.between(1, Integer.MAX_VALUE)).doc("the pause between looks for new files");
  static final Setting<Long> MAX_BACKOFF = Setting.millis("maxBackoff").defaultValue(4000L)
      .check(Check.between(1, Integer.MAX_VALUE))
      .doc("the longest pause before offering a refused batch again");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize").defaultValue(100)
      .check(Check.atLeast(1)).doc("lines per channel transaction");
  // lines are found by the byte 0x0A, so the charset must write ASCII as ASCII
  static final Setting<Charset> INPUT_CHARSET = Setting.charset("inputCharset")
      .defaultValue(StandardCharsets.UTF_8).check(framesLines())
      .doc("the encoding of the files");
  static final Setting<String> DECODE_ERROR_POLICY = Setting.string("decodeErrorPolicy")
      .defaultValue("FAIL").check(Check.oneOf("FAIL", "REPLACE", "IGNORE"))
      .doc("what to do with bytes that are not text in inputCharset");
  static final Setting<String> DESERIALIZER = Setting.string("deserializer").defaultValue("LINE")
      .check(lineDeserializer()).doc("how a file becomes events; LINE only");
  static final Setting<Integer> MAX_LINE_LENGTH = Setting.integer("deserializer.maxLineLength")
      .defaultValue(2048).check(Check.atLeast(1))
      .doc("the most characters one event gets; a longer line is cut");
  static final Setting<Charset> OUTPUT_CHARSET = Setting.charset("deserializer.outputCharset")
      .defaultValue(StandardCharsets.UTF_8).doc("the encoding of event bodies");
  static final Setting<Integer> BUFFER_MAX_LINE_LENGTH = Setting.integer("bufferMaxLineLength")
      .defaultValue(5000).check(Check.atLeast(1))
      .doc("deprecated: deserializer.maxLineLength, when that is not set");
  static final Setting<Integer> BUFFER_MAX_LINES = Setting.integer("bufferMaxLines")
      .doc("obsolete and ignored");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(SOURCE, "spooldir", SpoolDirectorySource.class)
          .flumeClass("org.apache.flume.source.SpoolDirectorySource")
          .settings(SPOOL_DIR, FILE_SUFFIX, DELETE_POLICY, TRACKING_POLICY, FILE_HEADER,
              FILE_HEADER_KEY, BASENAME_HEADER, BASENAME_HEADER_KEY, INCLUDE_PATTERN,
              IGNORE_PATTERN, TRACKER_DIR, CONSUME_ORDER, RECURSIVE, POLL_DELAY, MAX_BACKOFF,
              INPUT_CHARSET, DECODE_ERROR_POLICY, DESERIALIZER, MAX_LINE_LENGTH, OUTPUT_CHARSET,
              BUFFER_MAX_LINE_LENGTH, BUFFER_MAX_LINES)
          .batch(BATCH_SIZE)
          .build();

  private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectorySource.class);
  private static final long STOP_TIMEOUT_SECONDS = 15;

  /** The settings the worker reads by. */
  record Spooling(Path spoolDir, Path trackerDir, String fileSuffix, boolean deleteImmediately,
      boolean trackerDirPolicy, boolean fileHeader, String fileHeaderKey, boolean basenameHeader,
      String basenameHeaderKey, Pattern include, Pattern ignore, ConsumeOrder consumeOrder,
      boolean recursive, long pollDelay, long maxBackoff, int batchSize, Charset inputCharset,
      CodingErrorAction decodeErrorAction, int maxLineLength, Charset outputCharset) {

    /** Done files get the suffix; otherwise they are deleted or recorded in trackerDir. */
    boolean renames() {
      return !deleteImmediately && !trackerDirPolicy;
    }
  }

  private Spooling spooling;
  private SpoolWorker worker;
  private Thread thread;

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    Path spoolDir = Path.of(settings.get(SPOOL_DIR)).toAbsolutePath().normalize();
    Path trackerDir = spoolDir.resolve(settings.get(TRACKER_DIR)).normalize();
    String suffix = settings.get(FILE_SUFFIX);
    String deletePolicy = settings.get(DELETE_POLICY);
    String trackingPolicy = settings.get(TRACKING_POLICY);
    boolean fileHeader = settings.get(FILE_HEADER);
    String fileHeaderKey = settings.get(FILE_HEADER_KEY);
    boolean basenameHeader = settings.get(BASENAME_HEADER);
    String basenameHeaderKey = settings.get(BASENAME_HEADER_KEY);
    Pattern include = settings.get(INCLUDE_PATTERN);
    Pattern ignore = settings.get(IGNORE_PATTERN);
    String order = settings.get(CONSUME_ORDER);
    boolean recursive = settings.get(RECURSIVE);
    long pollDelay = settings.get(POLL_DELAY);
    long maxBackoff = settings.get(MAX_BACKOFF);
    int batchSize = settings.get(BATCH_SIZE);
    Charset inputCharset = settings.get(INPUT_CHARSET);
    String decodeErrorPolicy = settings.get(DECODE_ERROR_POLICY);
    settings.get(DESERIALIZER); // checked: LINE is the only one
    int maxLineLength = settings.get(MAX_LINE_LENGTH);
    Charset outputCharset = settings.get(OUTPUT_CHARSET);
    int bufferMaxLineLength = settings.get(BUFFER_MAX_LINE_LENGTH);
    settings.get(BUFFER_MAX_LINES);
    if (!settings.isSet(MAX_LINE_LENGTH) && settings.isSet(BUFFER_MAX_LINE_LENGTH)) {
      maxLineLength = bufferMaxLineLength;
      LOG.warn("Spooling directory source {}: {} is deprecated; use {}", getName(),
          BUFFER_MAX_LINE_LENGTH.key(), MAX_LINE_LENGTH.key());
    }
    if (settings.isSet(BUFFER_MAX_LINES)) {
      LOG.warn("Spooling directory source {}: bufferMaxLines is obsolete and ignored", getName());
    }
    spooling = new Spooling(spoolDir, trackerDir, suffix,
        deletePolicy.equalsIgnoreCase("immediate"),
        deletePolicy.equalsIgnoreCase("never") && trackingPolicy.equalsIgnoreCase("tracker_dir"),
        fileHeader, fileHeaderKey, basenameHeader, basenameHeaderKey, include, ignore,
        ConsumeOrder.valueOf(order.trim().toUpperCase(Locale.ROOT)), recursive, pollDelay,
        maxBackoff, batchSize, inputCharset, switch (decodeErrorPolicy.toUpperCase(Locale.ROOT)) {
          case "REPLACE" -> CodingErrorAction.REPLACE;
          case "IGNORE" -> CodingErrorAction.IGNORE;
          default -> CodingErrorAction.REPORT;
        }, maxLineLength, outputCharset);
  }

  private static Check<String> notEmpty(String why) {
    return new Check<>("not empty", value -> !value.isEmpty(),
        value -> "must not be empty, or " + why, "Write a suffix such as .COMPLETED.");
  }

  private static Check<Charset> framesLines() {
    String probe = "\n\r az AZ 09";
    return new Check<>("ASCII-compatible",
        charset -> charset.canEncode()
            && Arrays.equals(probe.getBytes(charset), probe.getBytes(StandardCharsets.US_ASCII)),
        charset -> charset.name() + " does not write a newline as one byte, so lines cannot be "
            + "found",
        "Use UTF-8, ISO-8859-1, GBK or another ASCII-compatible charset.");
  }

  private static Check<String> lineDeserializer() {
    String flumeBuilder = "org.apache.flume.serialization.LineDeserializer$Builder";
    return new Check<>("LINE",
        value -> value.equalsIgnoreCase("LINE") || value.equals(flumeBuilder),
        value -> value + " is not available in FlumeLab; only LINE is",
        "Remove deserializer to read one event per line.");
  }

  @Override
  protected String describe() {
    return "Spooling directory source " + getName();
  }

  @Override
  public long getBatchSize() {
    return spooling == null ? BATCH_SIZE.defaultValue() : spooling.batchSize();
  }

  @Override
  public synchronized void start() {
    requireStartable(thread != null, spooling != null);
    Path dir = spooling.spoolDir();
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
      Files.createDirectories(spooling.trackerDir());
      worker = new SpoolWorker(this, spooling, getCounter());
    } catch (IOException e) {
      throw new FlumeException("Spooling directory source " + getName() + ": cannot use the "
          + "tracker directory " + spooling.trackerDir() + ": " + e
          + " (<agent>.sources." + getName() + ".trackerDir)", e);
    }
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
    super.stop();
  }
}
