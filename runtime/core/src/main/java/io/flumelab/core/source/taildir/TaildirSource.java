package io.flumelab.core.source.taildir;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.FlumeException;
import io.flumelab.api.PollableSource;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
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
 * losing or repeating committed lines. Each group named in {@code filegroups} has a path,
 * {@code filegroups.<g>} (an absolute path whose file name is a regular expression), and may have
 * headers, {@code headers.<g>.<key>}.
 *
 * <p>Reliability: a line's position is saved only after the channels committed it, so a restart
 * resumes after the last committed line (at most the lines committed in the last writePosInterval
 * before a kill are sent again; a clean stop saves positions at once). A batch the channels
 * refuse is read again from the file after a backoff; nothing is skipped. Files are known by inode
 * ({@link TailedFiles}): a rotation by rename neither repeats nor loses lines. A last line without
 * its newline waits for it. Lines end at {@code \n}; a {@code \r} before it is dropped, as in
 * Flume.
 *
 * <p>Differences from Flume, on purpose: a renamed file is not read again from its start
 * (FLUME-3233); skipToEnd applies to files present at start only, so a file created later (the new
 * log after a rotation) is read from its first line; a corrupt position file stops the source with
 * a message naming the file and the fix, where Flume starts every file over; the position file is
 * replaced atomically; a file truncated in place is read again from its start.
 */
public class TaildirSource extends CountedSource
    implements PollableSource, Configurable, BatchSizeSupported {

  static final Setting<String> FILE_GROUPS = Setting.string("filegroups").required("f1")
      .doc("the names of the file groups, separated by spaces; each needs filegroups.<name>");
  static final String FILE_GROUPS_PREFIX = "filegroups.";
  static final String HEADERS_PREFIX = "headers.";
  static final Setting<String> POSITION_FILE = Setting.string("positionFile")
      .defaultValue("~/.flume/taildir_position.json")
      .doc("where the position of each file is kept, as JSON");
  static final Setting<Boolean> BYTE_OFFSET_HEADER = Setting.bool("byteOffsetHeader")
      .defaultValue(false).doc("add the line's byte offset as the header byteoffset");
  static final String BYTE_OFFSET_HEADER_KEY = "byteoffset";
  static final Setting<Boolean> SKIP_TO_END = Setting.bool("skipToEnd").defaultValue(false)
      .doc("start files without a saved position at their end");
  static final Setting<Long> IDLE_TIMEOUT = Setting.millis("idleTimeout").defaultValue(120_000L)
      .check(Check.atLeast(1)).doc("close a file not written to for this long");
  static final Setting<Long> WRITE_POS_INTERVAL = Setting.millis("writePosInterval")
      .defaultValue(3000L).check(Check.atLeast(1)).doc("how often the positions are saved");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize").defaultValue(100)
      .check(Check.atLeast(1)).doc("lines per channel transaction");
  static final Setting<Long> MAX_BATCH_COUNT = Setting.longValue("maxBatchCount")
      .defaultValue(Long.MAX_VALUE).check(Check.atLeast(1))
      .doc("the most batches read from one file in a row before the next file's turn");
  static final Setting<Long> BACKOFF_SLEEP_INCREMENT = Setting.millis("backoffSleepIncrement")
      .defaultValue(1000L).check(Check.atLeast(1))
      .doc("how much longer each pause gets while there is nothing new");
  static final Setting<Long> MAX_BACKOFF_SLEEP = Setting.millis("maxBackoffSleep")
      .defaultValue(5000L).check(Check.atLeast(1)).doc("the longest pause");
  static final Setting<Boolean> CACHE_PATTERN_MATCHING = Setting.bool("cachePatternMatching")
      .defaultValue(true).doc("list a directory again only when it changed");
  static final Setting<Boolean> FILE_HEADER = Setting.bool("fileHeader").defaultValue(false)
      .doc("add the file's absolute path as a header");
  static final Setting<String> FILE_HEADER_KEY = Setting.string("fileHeaderKey")
      .defaultValue("file").doc("the header name of the file's path");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(SOURCE, "TAILDIR", TaildirSource.class)
          .flumeClass("org.apache.flume.source.taildir.TaildirSource")
          .settings(FILE_GROUPS, POSITION_FILE, BYTE_OFFSET_HEADER, SKIP_TO_END, IDLE_TIMEOUT,
              WRITE_POS_INTERVAL, MAX_BATCH_COUNT, BACKOFF_SLEEP_INCREMENT, MAX_BACKOFF_SLEEP,
              CACHE_PATTERN_MATCHING, FILE_HEADER, FILE_HEADER_KEY)
          .batch(BATCH_SIZE)
          .passThrough(FILE_GROUPS_PREFIX)
          .passThrough(HEADERS_PREFIX)
          .build();

  private static final Logger LOG = LoggerFactory.getLogger(TaildirSource.class);

  private List<FileGroup> groups = List.of();
  private Path positionPath;
  private boolean byteOffsetHeader;
  private boolean skipToEnd;
  private long idleTimeout = IDLE_TIMEOUT.defaultValue();
  private long writePosInterval = WRITE_POS_INTERVAL.defaultValue();
  private int batchSize = BATCH_SIZE.defaultValue();
  private long maxBatchCount = MAX_BATCH_COUNT.defaultValue();
  private long backoffSleepIncrement = BACKOFF_SLEEP_INCREMENT.defaultValue();
  private long maxBackoffSleep = MAX_BACKOFF_SLEEP.defaultValue();
  private boolean fileHeader;
  private String fileHeaderKey = FILE_HEADER_KEY.defaultValue();

  private volatile TailedFiles tailed;
  private PositionFile positionFile;
  private ScheduledExecutorService positionWriter;
  /** Guards the position file; not the source's monitor, which stop() holds while waiting. */
  private final Object positionLock = new Object();
  private List<Position> lastWritten = List.of();
  private String lastWriteProblem;

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    String groupNames = settings.get(FILE_GROUPS);
    boolean cache = settings.get(CACHE_PATTERN_MATCHING);
    Map<String, String> paths = settings.under(FILE_GROUPS_PREFIX);
    Map<String, String> headers = settings.under(HEADERS_PREFIX);
    List<FileGroup> configured = new ArrayList<>();
    for (String group : groupNames.trim().split("\\s+")) {
      configured.add(group(paths.get(group), headers, group, cache));
    }
    groups = List.copyOf(configured);
    positionPath = positionPath(settings.get(POSITION_FILE));
    byteOffsetHeader = settings.get(BYTE_OFFSET_HEADER);
    skipToEnd = settings.get(SKIP_TO_END);
    idleTimeout = settings.get(IDLE_TIMEOUT);
    writePosInterval = settings.get(WRITE_POS_INTERVAL);
    batchSize = settings.get(BATCH_SIZE);
    maxBatchCount = settings.get(MAX_BATCH_COUNT);
    backoffSleepIncrement = settings.get(BACKOFF_SLEEP_INCREMENT);
    maxBackoffSleep = settings.get(MAX_BACKOFF_SLEEP);
    fileHeader = settings.get(FILE_HEADER);
    fileHeaderKey = settings.get(FILE_HEADER_KEY);
  }

  @Override
  protected String describe() {
    return "TAILDIR source " + getName();
  }

  @Override
  public long getBatchSize() {
    return batchSize;
  }

  /**
   * @param value the group's path, filegroups.<group>, or null
   * @param headers every headers.* key, prefix removed
   */
  private FileGroup group(String value, Map<String, String> headers, String group,
      boolean cache) {
    String key = FILE_GROUPS_PREFIX + group;
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
    String headerPrefix = group + ".";
    Map<String, String> groupHeaders = new LinkedHashMap<>();
    headers.forEach((name, headerValue) -> {
      if (name.startsWith(headerPrefix)) {
        groupHeaders.put(name.substring(headerPrefix.length()), headerValue);
      }
    });
    return new FileGroup(group, directory, fileName, groupHeaders, cache);
  }

  private Path positionPath(String value) {
    String expanded = value.trim();
    if (expanded.equals("~") || expanded.startsWith("~/")) {
      expanded = System.getProperty("user.home") + expanded.substring(1);
    }
    try {
      return Paths.get(expanded).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw new ConfigurationException(POSITION_FILE.key(), "TAILDIR source " + getName()
          + ": positionFile " + value + " is not a valid path: " + e.getMessage(),
          "Use an absolute path such as /var/lib/flume/taildir_position.json");
    }
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
