package io.flumelab.hdfs;

import static io.flumelab.core.spi.ComponentKind.SINK;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.core.spi.BatchSink;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events into HDFS (type {@code hdfs}), with Flume's keys and defaults: {@code hdfs.path}
 * and {@code hdfs.filePrefix} may hold escapes ({@code %Y%m%d/%H}, {@code %{host}}), each
 * resulting bucket writes one file at a time, rolled by time, size and count (see
 * {@link FileType} for the file types).
 *
 * <p>A batch is committed only after every file it touched was flushed to the DataNodes (hflush),
 * so a committed event is in HDFS; a batch that fails (HDFS down, a file that cannot be created,
 * an event without the timestamp its path needs) rolls back into the channel and is written again
 * later, possibly after part of it reached a file (at least once, as Flume).
 *
 * <p>Where FlumeLab differs from Flume: settings are checked when the agent starts, so
 * {@code flume-ng check} reports them (an unknown escape, {@code codeC} with {@code DataStream},
 * {@code CompressedStream} without a codec, an unknown codec, a serializer other than TEXT);
 * Kerberos keys are refused with that reason; {@code hdfs.minBlockReplicas} is accepted and files
 * are never rolled for under-replication; {@code hdfs.callTimeout}, {@code threadsPoolSize} and
 * {@code rollTimerPoolSize} are accepted and unused (Hadoop's client times out by itself).
 */
public class HdfsSink extends BatchSink implements Configurable {

  static final Setting<String> PATH = Setting.string("hdfs.path")
      .required("hdfs://hadoop102:9000/flume/%Y%m%d/%H")
      .doc("the HDFS directory to write in; may hold escapes such as %Y%m%d or %{host}");
  static final Setting<String> FILE_PREFIX = Setting.string("hdfs.filePrefix")
      .defaultValue("FlumeData").doc("the start of each file name; may hold escapes");
  static final Setting<String> FILE_SUFFIX = Setting.string("hdfs.fileSuffix").defaultValue("")
      .doc("the end of each file name, such as .log");
  static final Setting<String> IN_USE_PREFIX = Setting.string("hdfs.inUsePrefix")
      .defaultValue("").doc("put in front of the name of a file still being written");
  static final Setting<String> IN_USE_SUFFIX = Setting.string("hdfs.inUseSuffix")
      .defaultValue(".tmp").doc("added to the name of a file still being written");
  static final Setting<Boolean> EMPTY_IN_USE_SUFFIX = Setting.bool("hdfs.emptyInUseSuffix")
      .defaultValue(false).doc("true: a file being written has no hdfs.inUseSuffix");
  static final Setting<Long> ROLL_INTERVAL = Setting.seconds("hdfs.rollInterval").defaultValue(30L)
      .doc("close a file this long after it was opened; 0 never");
  static final Setting<Long> ROLL_SIZE = Setting.longValue("hdfs.rollSize").defaultValue(1024L)
      .check(Check.atLeast(0)).doc("close a file once it holds this many bytes of bodies; 0 never");
  static final Setting<Long> ROLL_COUNT = Setting.longValue("hdfs.rollCount").defaultValue(10L)
      .check(Check.atLeast(0)).doc("close a file once it holds this many events; 0 never");
  static final Setting<Long> IDLE_TIMEOUT = Setting.seconds("hdfs.idleTimeout").defaultValue(0L)
      .doc("close a file that got no event for this long; 0 never");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("hdfs.batchSize").defaultValue(100)
      .check(Check.atLeast(1))
      .doc("events per channel transaction, flushed to HDFS before it commits");
  static final Setting<String> CODEC = Setting.string("hdfs.codeC")
      .doc("the compression codec of a CompressedStream or SequenceFile: gzip, bzip2 or deflate");
  static final Setting<String> FILE_TYPE = Setting.string("hdfs.fileType")
      .defaultValue("SequenceFile").check(Check.oneOf("SequenceFile", "DataStream",
          "CompressedStream")).doc("the file format; DataStream for plain text");
  static final Setting<Integer> MAX_OPEN_FILES = Setting.integer("hdfs.maxOpenFiles")
      .defaultValue(5000).check(Check.atLeast(1))
      .doc("buckets open at once; the least recently used is closed beyond it");
  static final Setting<Integer> MIN_BLOCK_REPLICAS = Setting.integer("hdfs.minBlockReplicas")
      .check(Check.atLeast(1)).doc("accepted; files are never rolled for under-replication");
  static final Setting<String> WRITE_FORMAT = Setting.string("hdfs.writeFormat")
      .defaultValue("Writable").check(Check.oneOf("Writable", "Text"))
      .doc("a SequenceFile's record type");
  static final Setting<Integer> THREADS_POOL_SIZE = Setting.integer("hdfs.threadsPoolSize")
      .defaultValue(10).check(Check.atLeast(1)).doc("accepted and unused");
  static final Setting<Integer> ROLL_TIMER_POOL_SIZE = Setting.integer("hdfs.rollTimerPoolSize")
      .defaultValue(1).check(Check.atLeast(1)).doc("accepted and unused");
  static final Setting<String> KERBEROS_PRINCIPAL = Setting.string("hdfs.kerberosPrincipal")
      .doc("secure HDFS: not supported");
  static final Setting<String> KERBEROS_KEYTAB = Setting.string("hdfs.kerberosKeytab")
      .doc("secure HDFS: not supported");
  static final Setting<String> PROXY_USER = Setting.string("hdfs.proxyUser")
      .doc("secure HDFS: not supported");
  static final Setting<Boolean> ROUND = Setting.bool("hdfs.round").defaultValue(false)
      .doc("round the time in escapes down to hdfs.roundValue hdfs.roundUnit");
  static final Setting<Integer> ROUND_VALUE = Setting.integer("hdfs.roundValue").defaultValue(1)
      .check(Check.atLeast(1)).doc("with hdfs.round: the multiple to round down to");
  static final Setting<String> ROUND_UNIT = Setting.string("hdfs.roundUnit").defaultValue("second")
      .check(Check.oneOf("second", "minute", "hour")).doc("with hdfs.round: the unit to round in");
  static final Setting<String> TIME_ZONE = Setting.string("hdfs.timeZone").check(knownTimeZone())
      .doc("the time zone of the escapes, such as Asia/Shanghai; this machine's by default");
  static final Setting<Boolean> USE_LOCAL_TIME_STAMP = Setting.bool("hdfs.useLocalTimeStamp")
      .defaultValue(false).doc("use the time of writing, not the event's timestamp header");
  static final Setting<Integer> CLOSE_TRIES = Setting.integer("hdfs.closeTries").defaultValue(0)
      .check(Check.atLeast(0)).doc("tries to close and rename a file; 0 until it works");
  static final Setting<Long> RETRY_INTERVAL = Setting.seconds("hdfs.retryInterval")
      .defaultValue(180L).doc("the pause between tries to close and rename a file");
  static final Setting<Long> CALL_TIMEOUT = Setting.millis("hdfs.callTimeout")
      .defaultValue(30_000L).doc("accepted and unused: Hadoop's client times out by itself");
  static final Setting<String> SERIALIZER = Setting.string("serializer").defaultValue("TEXT")
      .check(textSerializer()).doc("how events are written: TEXT, the body alone");
  static final Setting<Boolean> APPEND_NEWLINE = Setting.bool("serializer.appendNewline")
      .defaultValue(true).doc("end each body with a newline");

  public static final ComponentSpec SPEC = ComponentSpec.builder(SINK, "hdfs", HdfsSink.class)
      .flumeClass("org.apache.flume.sink.hdfs.HDFSEventSink")
      .settings(PATH, FILE_PREFIX, FILE_SUFFIX, IN_USE_PREFIX, IN_USE_SUFFIX, EMPTY_IN_USE_SUFFIX,
          ROLL_INTERVAL, ROLL_SIZE, ROLL_COUNT, IDLE_TIMEOUT, CODEC, FILE_TYPE, MAX_OPEN_FILES,
          MIN_BLOCK_REPLICAS, WRITE_FORMAT, THREADS_POOL_SIZE, ROLL_TIMER_POOL_SIZE,
          KERBEROS_PRINCIPAL, KERBEROS_KEYTAB, PROXY_USER, ROUND, ROUND_VALUE, ROUND_UNIT,
          TIME_ZONE, USE_LOCAL_TIME_STAMP, CLOSE_TRIES, RETRY_INTERVAL, CALL_TIMEOUT, SERIALIZER,
          APPEND_NEWLINE)
      .batch(BATCH_SIZE)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(HdfsSink.class);

  private PathEscapes directoryPattern;
  private PathEscapes prefixPattern;
  private BucketWriter.Settings settings;
  private int maxOpenFiles = MAX_OPEN_FILES.defaultValue();
  private String pathText;

  private final Map<String, BucketWriter> buckets = new LinkedHashMap<>(16, 0.75f, true);
  /** Set by stop(), under the buckets lock: a batch still running opens no new bucket. */
  private boolean stopping;
  private Configuration hadoopConf;
  private ScheduledExecutorService timer;

  public HdfsSink() {
    super(BATCH_SIZE);
  }

  @Override
  public void configure(Context context) {
    Settings config = Settings.of(context, describe());
    pathText = config.get(PATH);
    for (Setting<String> secure : List.of(KERBEROS_PRINCIPAL, KERBEROS_KEYTAB, PROXY_USER)) {
      if (config.get(secure) != null) {
        throw new ConfigurationException(secure.key(), describe() + ": secure HDFS (Kerberos, "
            + "proxy users) is not supported", "remove " + secure.key()
            + "; the course's HDFS runs without security");
      }
    }
    boolean localTime = config.get(USE_LOCAL_TIME_STAMP);
    String zoneId = config.get(TIME_ZONE);
    TimeZone zone = zoneId == null || zoneId.isBlank() ? TimeZone.getDefault()
        : TimeZone.getTimeZone(zoneId.trim());
    PathEscapes.Rounding rounding = rounding(config);
    directoryPattern = PathEscapes.compile(pathText.strip(), PATH.key(), rounding, zone,
        localTime);
    prefixPattern = PathEscapes.compile(config.get(FILE_PREFIX), FILE_PREFIX.key(), rounding,
        zone, localTime);

    FileType fileType = FileType.named(config.get(FILE_TYPE));
    CompressionCodec codec = codec(config.get(CODEC), fileType);
    boolean textRecords = config.get(WRITE_FORMAT).trim().equalsIgnoreCase("Text");
    config.get(SERIALIZER); // checked: TEXT is the only one
    boolean appendNewline = config.get(APPEND_NEWLINE);
    String inUseSuffix = config.get(IN_USE_SUFFIX);
    if (config.get(EMPTY_IN_USE_SUFFIX)) {
      inUseSuffix = "";
    }
    settings = new BucketWriter.Settings(config.get(FILE_SUFFIX),
        config.get(IN_USE_PREFIX), inUseSuffix, config.get(ROLL_INTERVAL),
        config.get(ROLL_SIZE), config.get(ROLL_COUNT), config.get(IDLE_TIMEOUT), fileType,
        new FileType.Options(codec, textRecords, appendNewline),
        new BucketWriter.RenameRetries(config.get(CLOSE_TRIES), config.get(RETRY_INTERVAL)));
    configureBatch(config);
    maxOpenFiles = config.get(MAX_OPEN_FILES);
    // accepted for Flume's sake; see the class comment
    config.get(MIN_BLOCK_REPLICAS);
    config.get(THREADS_POOL_SIZE);
    config.get(ROLL_TIMER_POOL_SIZE);
    config.get(CALL_TIMEOUT);
  }

  /** The rounding of the time in escapes; its value and unit are read even when it is off. */
  private static PathEscapes.Rounding rounding(Settings config) {
    boolean round = config.get(ROUND);
    int value = config.get(ROUND_VALUE);
    TimeUnit unit = switch (config.get(ROUND_UNIT).trim().toLowerCase(Locale.ROOT)) {
      case "minute" -> TimeUnit.MINUTES;
      case "hour" -> TimeUnit.HOURS;
      default -> TimeUnit.SECONDS;
    };
    return round ? new PathEscapes.Rounding(true, value, unit) : PathEscapes.Rounding.NONE;
  }

  private CompressionCodec codec(String name, FileType type) {
    String key = CODEC.key();
    if (name == null || name.isBlank()) {
      if (type == FileType.COMPRESSED_STREAM) {
        throw new ConfigurationException(key, describe() + ": " + FILE_TYPE.key() + " = "
            + "CompressedStream needs " + key, "set " + key + " = gzip (or bzip2), or use "
            + FILE_TYPE.key() + " = DataStream for plain text");
      }
      return null;
    }
    if (type == FileType.DATA_STREAM) {
      throw new ConfigurationException(key, describe() + ": " + FILE_TYPE.key() + " = DataStream "
          + "writes plain text, so " + key + " = " + name + " would be ignored",
          "use " + FILE_TYPE.key() + " = CompressedStream to compress, or remove " + key);
    }
    CompressionCodec codec = new CompressionCodecFactory(new Configuration())
        .getCodecByName(name.trim());
    if (codec == null) {
      throw new ConfigurationException(key, describe() + ": no codec '" + name + "'",
          "use gzip, bzip2 or deflate (lzo and snappy need native libraries FlumeLab does not ship)");
    }
    return codec;
  }

  /** A time zone ID Java knows; unknown IDs would silently mean GMT. */
  private static Check<String> knownTimeZone() {
    return new Check<>("a time zone ID", id -> {
      String trimmed = id.trim();
      // unknown IDs come back as GMT; custom ones (GMT+8) come back normalised (GMT+08:00)
      return trimmed.isEmpty() || trimmed.equals("GMT")
          || !TimeZone.getTimeZone(trimmed).getID().equals("GMT");
    }, id -> "'" + id + "' is an unknown time zone",
        "Use a zone ID such as Asia/Shanghai or UTC, or remove the key for local time.");
  }

  /** TEXT, by name or by Flume's class, is the only serializer. */
  private static Check<String> textSerializer() {
    return new Check<>("TEXT only", name -> name.trim().equalsIgnoreCase("TEXT")
        || name.trim().equals("org.apache.flume.serialization.BodyTextEventSerializer$Builder"),
        name -> "'" + name + "' is not available", "Use TEXT (the default), or remove the key.");
  }



  @Override
  protected String describe() {
    return "HDFS sink " + getName();
  }

  @Override
  public synchronized void start() {
    synchronized (buckets) {
      stopping = false;
    }
    // core-site.xml and hdfs-site.xml from the classpath (bin/flume-ng puts the conf dir on it)
    hadoopConf = new Configuration();
    // Hadoop closes its cached file systems in a JVM shutdown hook, racing the agent's own hook
    // that stops this sink: the open files could then not be closed and renamed
    hadoopConf.setBoolean("fs.automatic.close", false);
    timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "hdfs-" + getName() + "-timer");
      thread.setDaemon(true);
      return thread;
    });
    super.start();
    List<String> rolls = new ArrayList<>();
    if (settings.rollSeconds() > 0) {
      rolls.add("every " + settings.rollSeconds() + " s");
    }
    if (settings.rollSize() > 0) {
      rolls.add("at " + settings.rollSize() + " bytes");
    }
    if (settings.rollCount() > 0) {
      rolls.add("at " + settings.rollCount() + " events");
    }
    LOG.info("{}: writing to {} ({}; files roll {})", describe(), pathText,
        settings.fileType().flumeName(), rolls.isEmpty() ? "only when closed" : String.join(", ", rolls));
  }

  @Override
  protected void deliver(List<Event> events) throws IOException {
    Set<BucketWriter> touched = new LinkedHashSet<>();
    long now = System.currentTimeMillis();
    for (Event event : events) {
      Map<String, String> headers = event.getHeaders();
      String directory = directoryPattern.format(headers, now);
      String prefix = prefixPattern.format(headers, now);
      BucketWriter bucket = bucket(directory, prefix);
      try {
        while (!bucket.append(event)) {
          forget(bucket); // it ended idle meanwhile: a new one
          bucket = bucket(directory, prefix);
        }
      } catch (IOException | RuntimeException e) {
        abandon(bucket);
        throw e;
      }
      touched.add(bucket);
    }
    for (BucketWriter bucket : touched) {
      try {
        bucket.flush();
      } catch (IOException | RuntimeException e) {
        abandon(bucket);
        throw e;
      }
    }
  }

  @Override
  protected String deliveryFailed(Exception cause) {
    return cause instanceof MissingTimestampException ? "" : " (is HDFS up at " + pathText + "?)";
  }

  private BucketWriter bucket(String directory, String prefix) throws IOException {
    String key = directory + "/" + prefix;
    List<BucketWriter> evicted = new ArrayList<>();
    BucketWriter bucket;
    synchronized (buckets) {
      if (stopping) {
        throw new IllegalStateException(describe() + " is stopping");
      }
      bucket = buckets.get(key);
      if (bucket == null) {
        bucket = new BucketWriter(getName(), new Path(directory), prefix, settings, hadoopConf,
            timer, getCounter(), this::forget);
        buckets.put(key, bucket);
        Iterator<BucketWriter> eldest = buckets.values().iterator();
        while (buckets.size() > maxOpenFiles && eldest.hasNext()) {
          evicted.add(eldest.next());
          eldest.remove();
        }
      }
    }
    for (BucketWriter old : evicted) {
      LOG.info("{}: more than hdfs.maxOpenFiles ({}) buckets; closing the least recently used, {}",
          describe(), maxOpenFiles, old.key());
      try {
        old.end();
      } catch (IOException | RuntimeException e) {
        // if it held events of this batch, its flush below fails the batch (lostBatch)
        LOG.warn("{}: closing {} failed: {}", describe(), old.key(), e.toString());
      }
    }
    return bucket;
  }

  private void forget(BucketWriter bucket) {
    synchronized (buckets) {
      buckets.remove(bucket.key(), bucket);
    }
  }

  /** A bucket whose file failed: closed as far as it goes, and replaced at the next event. */
  private void abandon(BucketWriter bucket) {
    forget(bucket);
    try {
      bucket.end();
    } catch (IOException | RuntimeException e) {
      LOG.debug("{}: closing the failed file of {}: {}", describe(), bucket.key(), e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    List<BucketWriter> open;
    synchronized (buckets) {
      stopping = true;
      open = new ArrayList<>(buckets.values());
      buckets.clear();
    }
    for (BucketWriter bucket : open) {
      try {
        bucket.end();
      } catch (IOException | RuntimeException e) {
        LOG.warn("{}: closing {} failed: {}", describe(), bucket.key(), e.toString());
      }
    }
    if (timer != null) {
      // a close or rename already scheduled for retry still gets that one try
      timer.shutdown();
    }
    super.stop();
  }
}
