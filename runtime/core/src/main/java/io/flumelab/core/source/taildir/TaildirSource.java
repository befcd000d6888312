package io.flumelab.core.source.taildir;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.FlumeException;
import io.flumelab.api.PollableSource;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows files as they grow, one event per line, and survives renames and restarts without
 * losing or repeating committed lines. Keys and defaults are Flume 1.11's TAILDIR source:
 * {@code filegroups} (required, space-separated group names), {@code filegroups.<g>} (an absolute
 * path whose file name is a regular expression), {@code positionFile}
 * (~/.flume/taildir_position.json), {@code headers.<g>.<key>}, {@code byteOffsetHeader} (false;
 * header {@code byteoffset}), {@code skipToEnd} (false), {@code idleTimeout} (120000 ms),
 * {@code writePosInterval} (3000 ms), {@code batchSize} (100), {@code maxBatchCount}
 * (Long.MAX_VALUE), {@code backoffSleepIncrement} (1000 ms), {@code maxBackoffSleep} (5000 ms),
 * {@code cachePatternMatching} (true), {@code fileHeader} (false) and {@code fileHeaderKey} (file).
 *
 * <p>Reliability: a line's position is saved only after the channels committed it, so a restart
 * resumes after the last committed line (at most the lines committed in the last writePosInterval
 * before a kill are sent again; a clean stop saves positions at once). A batch the channels
 * refuse is read again from the file after a backoff; nothing is skipped. Files are known by inode
 * ({@link TailedFiles}): a rotation by rename neither repeats nor loses lines. A last line without
 * its newline waits for it. Lines end at {@code \n}; a {@code \r} before it is dropped, as in Flume.
 *
 * <p>Differences from Flume, on purpose: a renamed file is not read again from its start
 * (FLUME-3233); skipToEnd applies to files present at start only, so a file created later (the new
 * log after a rotation) is read from its first line; a corrupt position file stops the source with
 * a message naming the file and the fix, where Flume starts every file over; the position file is
 * replaced atomically; a file truncated in place is read again from its start.
 */
public class TaildirSource extends AbstractSource implements PollableSource, Configurable, Counted {

  /** The {@code TAILDIR} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SOURCE, "TAILDIR", TaildirSource.class)
      .flumeClass("org.apache.flume.source.taildir.TaildirSource")
      .settings(Setting.string("filegroups").required("<value>"),
          Setting.string("positionFile"),
          Setting.bool("byteOffsetHeader"),
          Setting.bool("skipToEnd"),
          Setting.longValue("idleTimeout"),
          Setting.longValue("writePosInterval"),
          Setting.longValue("maxBatchCount"),
          Setting.longValue("backoffSleepIncrement"),
          Setting.longValue("maxBackoffSleep"),
          Setting.bool("cachePatternMatching"),
          Setting.bool("fileHeader"),
          Setting.string("fileHeaderKey"))
      .batch(Setting.integer("batchSize").defaultValue(100))
      .passThrough("filegroups.")
      .passThrough("headers.")
      .build();


  public static final String FILE_GROUPS = "filegroups";
  public static final String FILE_GROUPS_PREFIX = "filegroups.";
  public static final String HEADERS_PREFIX = "headers.";
  public static final String POSITION_FILE = "positionFile";
  public static final String BYTE_OFFSET_HEADER = "byteOffsetHeader";
  public static final String BYTE_OFFSET_HEADER_KEY = "byteoffset";
  public static final String SKIP_TO_END = "skipToEnd";
  public static final String IDLE_TIMEOUT = "idleTimeout";
  public static final String WRITE_POS_INTERVAL = "writePosInterval";
  public static final String BATCH_SIZE = "batchSize";
  public static final String MAX_BATCH_COUNT = "maxBatchCount";
  public static final String BACKOFF_SLEEP_INCREMENT = "backoffSleepIncrement";
  public static final String MAX_BACKOFF_SLEEP = "maxBackoffSleep";
  public static final String CACHE_PATTERN_MATCHING = "cachePatternMatching";
  public static final String FILE_HEADER = "fileHeader";
  public static final String FILE_HEADER_KEY = "fileHeaderKey";

  public static final String DEFAULT_POSITION_FILE = "~/.flume/taildir_position.json";
  public static final long DEFAULT_IDLE_TIMEOUT = 120_000;
  public static final long DEFAULT_WRITE_POS_INTERVAL = 3000;
  public static final int DEFAULT_BATCH_SIZE = 100;
  public static final long DEFAULT_MAX_BATCH_COUNT = Long.MAX_VALUE;
  public static final long DEFAULT_BACKOFF_SLEEP_INCREMENT = 1000;
  public static final long DEFAULT_MAX_BACKOFF_SLEEP = 5000;
  public static final String DEFAULT_FILE_HEADER_KEY = "file";

  private static final Logger LOG = LoggerFactory.getLogger(TaildirSource.class);

  private List<FileGroup> groups = List.of();
  private Path positionPath;
  private boolean byteOffsetHeader;
  private boolean skipToEnd;
  private long idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private long writePosInterval = DEFAULT_WRITE_POS_INTERVAL;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private long maxBatchCount = DEFAULT_MAX_BATCH_COUNT;
  private long backoffSleepIncrement = DEFAULT_BACKOFF_SLEEP_INCREMENT;
  private long maxBackoffSleep = DEFAULT_MAX_BACKOFF_SLEEP;
  private boolean fileHeader;
  private String fileHeaderKey = DEFAULT_FILE_HEADER_KEY;

  private volatile SourceCounter counter;
  private volatile TailedFiles tailed;
  private PositionFile positionFile;
  private ScheduledExecutorService positionWriter;
  /** Guards the position file; not the source's monitor, which stop() holds while waiting. */
  private final Object positionLock = new Object();
  private List<Position> lastWritten = List.of();
  private String lastWriteProblem;

  @Override
  public void configure(Context context) {
    String groupNames = context.getString(FILE_GROUPS);
    if (groupNames == null || groupNames.isBlank()) {
      throw new ConfigurationException(FILE_GROUPS,
          "TAILDIR source " + getName() + " needs filegroups, the names of its file groups",
          "Add filegroups = f1 and filegroups.f1 = /var/log/app/.*\\.log");
    }
    boolean cache = context.getBoolean(CACHE_PATTERN_MATCHING, true);
    List<FileGroup> configured = new ArrayList<>();
    for (String group : groupNames.trim().split("\\s+")) {
      configured.add(group(context, group, cache));
    }
    groups = List.copyOf(configured);
    positionPath = positionPath(context.getString(POSITION_FILE, DEFAULT_POSITION_FILE));
    byteOffsetHeader = context.getBoolean(BYTE_OFFSET_HEADER, false);
    skipToEnd = context.getBoolean(SKIP_TO_END, false);
    idleTimeout = positive(context, IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    writePosInterval = positive(context, WRITE_POS_INTERVAL, DEFAULT_WRITE_POS_INTERVAL);
    batchSize = (int) positive(context, BATCH_SIZE, DEFAULT_BATCH_SIZE);
    maxBatchCount = positive(context, MAX_BATCH_COUNT, DEFAULT_MAX_BATCH_COUNT);
    backoffSleepIncrement =
        positive(context, BACKOFF_SLEEP_INCREMENT, DEFAULT_BACKOFF_SLEEP_INCREMENT);
    maxBackoffSleep = positive(context, MAX_BACKOFF_SLEEP, DEFAULT_MAX_BACKOFF_SLEEP);
    fileHeader = context.getBoolean(FILE_HEADER, false);
    fileHeaderKey = context.getString(FILE_HEADER_KEY, DEFAULT_FILE_HEADER_KEY);
  }

  private FileGroup group(Context context, String group, boolean cache) {
    String key = FILE_GROUPS_PREFIX + group;
    String value = context.getString(key);
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(key,
          "TAILDIR source " + getName() + ": file group " + group + " has no path",
          "Add " + key + " = /var/log/app/.*\\.log (an absolute path; its file name is a regular "
              + "expression)");
    }
    value = value.trim();
    int slash = value.lastIndexOf('/');
    if (!value.startsWith("/") || slash == value.length() - 1) {
      throw new ConfigurationException(key,
          "TAILDIR source " + getName() + ": " + key + " = " + value + " is not an absolute "
              + "path ending in a file name",
          "Write the directory in full and a file name or regular expression after the last /, "
              + "e.g. /var/log/app/.*\\.log");
    }
    Path directory;
    try {
      directory = Paths.get(slash == 0 ? "/" : value.substring(0, slash));
    } catch (InvalidPathException e) {
      throw new ConfigurationException(key, "TAILDIR source " + getName() + ": " + key
          + " names an invalid directory: " + e.getMessage(), "Correct the directory part");
    }
    Pattern fileName;
    try {
      fileName = Pattern.compile(value.substring(slash + 1));
    } catch (PatternSyntaxException e) {
      throw new ConfigurationException(key, "TAILDIR source " + getName() + ": the file name "
          + "of " + key + " is not a valid regular expression: " + e.getDescription(),
          "Use a Java regular expression for the file name only, e.g. .*\\.log or app\\.log");
    }
    Map<String, String> headers =
        new LinkedHashMap<>(context.getSubProperties(HEADERS_PREFIX + group + "."));
    return new FileGroup(group, directory, fileName, headers, cache);
  }

  private Path positionPath(String value) {
    String expanded = value.trim();
    if (expanded.equals("~") || expanded.startsWith("~/")) {
      expanded = System.getProperty("user.home") + expanded.substring(1);
    }
    try {
      return Paths.get(expanded).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw new ConfigurationException(POSITION_FILE, "TAILDIR source " + getName()
          + ": positionFile " + value + " is not a valid path: " + e.getMessage(),
          "Use an absolute path such as /var/lib/flume/taildir_position.json");
    }
  }

  private long positive(Context context, String key, long defaultValue) {
    long value = context.getLong(key, defaultValue);
    if (value < 1 || (key.equals(BATCH_SIZE) && value > Integer.MAX_VALUE)) {
      throw new ConfigurationException(key,
          "TAILDIR source " + getName() + ": " + key + " must be 1 or more, not " + value,
          "Remove " + key + " to use the default, " + defaultValue);
    }
    return value;
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
    if (positionPath == null) {
      throw new IllegalStateException("TAILDIR source " + getName() + " is not configured");
    }
    requireInodes();
    positionFile = new PositionFile(positionPath, getName());
    Map<Long, Position> saved = positionFile.load();
    tailed = new TailedFiles(getName(), groups, positionFile, skipToEnd, saved);
    lastWritten = List.of();
    writePositions();
    positionWriter = Executors.newSingleThreadScheduledExecutor(
        new DefaultThreadFactory("taildir-" + getName() + "-positions", true));
    positionWriter.scheduleWithFixedDelay(this::writePositions, writePosInterval,
        writePosInterval, TimeUnit.MILLISECONDS);
    getCounter().start();
    super.start();
    LOG.info("TAILDIR source {} following {} with positions in {} ({} saved)", getName(),
        describeGroups(), positionPath, saved.size());
  }

  private void requireInodes() {
    for (FileGroup group : groups) {
      Path probe = Files.isDirectory(group.directory()) ? group.directory() : Paths.get("/");
      try {
        Files.getAttribute(probe, "unix:ino");
        return;
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        throw new FlumeException("TAILDIR source " + getName() + " follows files by inode and "
            + "needs a Unix file system; " + probe + " has none. Use the spooldir source here");
      } catch (IOException e) {
        throw new FlumeException("TAILDIR source " + getName() + " cannot read " + probe + ": "
            + e, e);
      }
    }
  }

  private String describeGroups() {
    List<String> parts = new ArrayList<>();
    for (FileGroup group : groups) {
      parts.add(group.name() + "=" + group.directory());
    }
    return String.join(" ", parts);
  }

  @Override
  public Status process() {
    TailedFiles files = tailed;
    if (files == null) {
      return Status.BACKOFF;
    }
    long now = System.currentTimeMillis();
    List<TailFile> toRead;
    try {
      toRead = files.scan(now);
    } catch (IOException e) {
      getCounter().incrementGenericProcessingFail();
      LOG.warn("TAILDIR source {}: listing its file groups failed: {}", getName(), e.toString());
      return Status.BACKOFF;
    }
    boolean delivered = false;
    for (TailFile file : toRead) {
      Outcome outcome = tail(files, file, now);
      if (outcome == Outcome.REFUSED) {
        return Status.BACKOFF;
      }
      delivered |= outcome == Outcome.DELIVERED;
    }
    files.closeIdle(System.currentTimeMillis(), idleTimeout);
    return delivered ? Status.READY : Status.BACKOFF;
  }

  private enum Outcome { DELIVERED, NOTHING, REFUSED }

  private Outcome tail(TailedFiles files, TailFile file, long now) {
    Outcome outcome = Outcome.NOTHING;
    try {
      if (!file.isOpen()) {
        if (!file.matched() || Files.size(file.path()) <= file.committed()) {
          return outcome;
        }
        file.open(now);
      }
      for (long batches = 0; batches < maxBatchCount; batches++) {
        List<TailFile.Line> lines = file.readLines(batchSize, now);
        if (lines.isEmpty()) {
          break;
        }
        if (!deliver(file, lines)) {
          return Outcome.REFUSED;
        }
        outcome = Outcome.DELIVERED;
        if (lines.size() < batchSize) {
          break;
        }
      }
    } catch (IOException e) {
      getCounter().incrementGenericProcessingFail();
      LOG.warn("TAILDIR source {}: reading {} failed: {}; trying again at the next poll",
          getName(), file.path(), e.toString());
      files.close(file);
    }
    return outcome;
  }

  /** Hands the lines to the channels; on refusal goes back to the last committed line. */
  private boolean deliver(TailFile file, List<TailFile.Line> lines) throws IOException {
    List<Event> events = new ArrayList<>(lines.size());
    for (TailFile.Line line : lines) {
      Map<String, String> headers = new HashMap<>(file.group().headers());
      if (fileHeader) {
        headers.put(fileHeaderKey, file.path().toString());
      }
      if (byteOffsetHeader) {
        headers.put(BYTE_OFFSET_HEADER_KEY, Long.toString(line.offset()));
      }
      events.add(EventBuilder.withBody(line.body(), headers));
    }
    SourceCounter sourceCounter = getCounter();
    sourceCounter.incrementAppendBatchReceivedCount();
    sourceCounter.addToEventReceivedCount(events.size());
    try {
      getChannelProcessor().processEventBatch(events);
    } catch (RuntimeException e) {
      file.rewind();
      sourceCounter.incrementChannelWriteFail();
      LOG.warn("TAILDIR source {}: the channels refused {} lines of {} ({}); they are read "
          + "again after a pause", getName(), events.size(), file.path(), e.getMessage());
      return false;
    }
    file.commit();
    sourceCounter.incrementAppendBatchAcceptedCount();
    sourceCounter.addToEventAcceptedCount(events.size());
    return true;
  }

  private void writePositions() {
    synchronized (positionLock) {
      TailedFiles files = tailed;
      if (files != null) {
        writePositions(files);
      }
    }
  }

  private void writePositions(TailedFiles files) {
    List<Position> positions = files.positions();
    if (positions.equals(lastWritten) && Files.exists(positionPath)) {
      return;
    }
    try {
      positionFile.write(positions);
      lastWritten = positions;
      if (lastWriteProblem != null) {
        LOG.info("TAILDIR source {}: position file {} written again", getName(), positionPath);
        lastWriteProblem = null;
      }
    } catch (IOException | RuntimeException e) {
      String problem = e.toString();
      if (!problem.equals(lastWriteProblem)) {
        LOG.error("TAILDIR source {}: cannot write the position file {}: {}. Until it can, a "
            + "restart sends lines again; check the directory's permissions and free space "
            + "(positionFile)", getName(), positionPath, problem);
        lastWriteProblem = problem;
      }
    }
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService writer = positionWriter;
    positionWriter = null;
    if (writer != null) {
      writer.shutdown();
      try {
        writer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    TailedFiles files = tailed;
    if (files != null) {
      writePositions();
      files.closeAll();
      tailed = null;
    }
    getCounter().stop();
    super.stop();
    LOG.info("TAILDIR source {} stopped; positions saved in {}", getName(), positionPath);
  }

  @Override
  public long getBackOffSleepIncrement() {
    return backoffSleepIncrement;
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return maxBackoffSleep;
  }

  /** Files open now, for tests of idle closing. */
  int openFiles() {
    TailedFiles files = tailed;
    return files == null ? 0 : files.openFiles();
  }
}
