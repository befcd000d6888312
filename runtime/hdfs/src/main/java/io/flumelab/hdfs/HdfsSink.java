package io.flumelab.hdfs;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.core.spi.BatchSink;
import io.flumelab.core.spi.ComponentKind;
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
 * resulting bucket writes one file at a time, rolled by {@code hdfs.rollInterval} (30 s),
 * {@code hdfs.rollSize} (1024 bytes) and {@code hdfs.rollCount} (10 events); 0 turns a rule off.
 * {@code hdfs.fileType} is {@code SequenceFile} (the default), {@code DataStream} or
 * {@code CompressedStream} (see {@link FileType}).
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

  /** The {@code hdfs} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SINK, "hdfs", HdfsSink.class)
      .flumeClass("org.apache.flume.sink.hdfs.HDFSEventSink")
      .settings(Setting.string("hdfs.path").required("<value>"),
          Setting.string("hdfs.filePrefix"),
          Setting.string("hdfs.fileSuffix"),
          Setting.string("hdfs.inUsePrefix"),
          Setting.string("hdfs.inUseSuffix"),
          Setting.bool("hdfs.emptyInUseSuffix"),
          Setting.longValue("hdfs.rollInterval"),
          Setting.longValue("hdfs.rollSize"),
          Setting.longValue("hdfs.rollCount"),
          Setting.longValue("hdfs.idleTimeout"),
          Setting.string("hdfs.codeC"),
          Setting.string("hdfs.fileType"),
          Setting.integer("hdfs.maxOpenFiles"),
          Setting.integer("hdfs.minBlockReplicas"),
          Setting.string("hdfs.writeFormat"),
          Setting.integer("hdfs.threadsPoolSize"),
          Setting.integer("hdfs.rollTimerPoolSize"),
          Setting.string("hdfs.kerberosPrincipal"),
          Setting.string("hdfs.kerberosKeytab"),
          Setting.string("hdfs.proxyUser"),
          Setting.bool("hdfs.round"),
          Setting.integer("hdfs.roundValue"),
          Setting.string("hdfs.roundUnit"),
          Setting.string("hdfs.timeZone"),
          Setting.bool("hdfs.useLocalTimeStamp"),
          Setting.integer("hdfs.closeTries"),
          Setting.longValue("hdfs.retryInterval"),
          Setting.longValue("hdfs.callTimeout"),
          Setting.string("serializer"))
      .batch(Setting.integer("hdfs.batchSize").defaultValue(100))
      .passThrough("serializer.")
      .build();


  private static final Logger LOG = LoggerFactory.getLogger(HdfsSink.class);

  private PathEscapes directoryPattern;
  private PathEscapes prefixPattern;
  private BucketWriter.Settings settings;
  private int batchSize = 100;
  private int maxOpenFiles = 5000;
  private String pathText;

  private final Map<String, BucketWriter> buckets = new LinkedHashMap<>(16, 0.75f, true);
  /** Set by stop(), under the buckets lock: a batch still running opens no new bucket. */
  private boolean stopping;
  private Configuration hadoopConf;
  private ScheduledExecutorService timer;

  @Override
  public void configure(Context context) {
    pathText = context.getString("hdfs.path");
    if (pathText == null || pathText.isBlank()) {
      throw new ConfigurationException("hdfs.path", describe() + " needs hdfs.path",
          "set it to a directory, e.g. hdfs://hadoop102:9000/flume/%Y%m%d/%H");
    }
    for (String key : List.of("hdfs.kerberosPrincipal", "hdfs.kerberosKeytab", "hdfs.proxyUser")) {
      if (context.getString(key) != null) {
        throw new ConfigurationException(key, describe() + ": secure HDFS (Kerberos, proxy users) "
            + "is not supported", "remove " + key + "; the course's HDFS runs without security");
      }
    }
    boolean localTime = context.getBoolean("hdfs.useLocalTimeStamp", false);
    TimeZone zone = timeZone(context.getString("hdfs.timeZone"));
    PathEscapes.Rounding rounding = rounding(context);
    directoryPattern = PathEscapes.compile(pathText.strip(), "hdfs.path", rounding, zone,
        localTime);
    prefixPattern = PathEscapes.compile(context.getString("hdfs.filePrefix", "FlumeData"),
        "hdfs.filePrefix", rounding, zone, localTime);

    FileType fileType = fileType(context.getString("hdfs.fileType", "SequenceFile"));
    CompressionCodec codec = codec(context.getString("hdfs.codeC"), fileType);
    boolean textRecords = writeFormat(context.getString("hdfs.writeFormat", "Writable"));
    boolean appendNewline = serializer(context);
    String inUseSuffix = context.getBoolean("hdfs.emptyInUseSuffix", false) ? ""
        : context.getString("hdfs.inUseSuffix", ".tmp");
    settings = new BucketWriter.Settings(context.getString("hdfs.fileSuffix", ""),
        context.getString("hdfs.inUsePrefix", ""), inUseSuffix,
        atLeast(context, "hdfs.rollInterval", 30, 0), atLeast(context, "hdfs.rollSize", 1024, 0),
        atLeast(context, "hdfs.rollCount", 10, 0), atLeast(context, "hdfs.idleTimeout", 0, 0),
        fileType, new FileType.Options(codec, textRecords, appendNewline),
        new BucketWriter.RenameRetries((int) atLeast(context, "hdfs.closeTries", 0, 0),
            context.getLong("hdfs.retryInterval", 180L)));
    batchSize = (int) atLeast(context, "hdfs.batchSize", 100, 1);
    maxOpenFiles = (int) atLeast(context, "hdfs.maxOpenFiles", 5000, 1);
  }

  private PathEscapes.Rounding rounding(Context context) {
    if (!context.getBoolean("hdfs.round", false)) {
      return PathEscapes.Rounding.NONE;
    }
    int value = (int) atLeast(context, "hdfs.roundValue", 1, 1);
    String unit = context.getString("hdfs.roundUnit", "second").trim().toLowerCase(Locale.ROOT);
    TimeUnit timeUnit = switch (unit) {
      case "second" -> TimeUnit.SECONDS;
      case "minute" -> TimeUnit.MINUTES;
      case "hour" -> TimeUnit.HOURS;
      default -> throw new ConfigurationException("hdfs.roundUnit", describe() + ": hdfs.roundUnit "
          + "is '" + unit + "'", "use second, minute or hour");
    };
    return new PathEscapes.Rounding(true, value, timeUnit);
  }

  private TimeZone timeZone(String id) {
    if (id == null || id.isBlank()) {
      return TimeZone.getDefault();
    }
    TimeZone zone = TimeZone.getTimeZone(id.trim());
    // unknown IDs come back as GMT; custom ones (GMT+8) come back normalised (GMT+08:00)
    if (zone.getID().equals("GMT") && !id.trim().equals("GMT")) {
      throw new ConfigurationException("hdfs.timeZone", describe() + ": unknown time zone '" + id
          + "'", "use a zone ID such as Asia/Shanghai or UTC, or remove the key for local time");
    }
    return zone;
  }

  private FileType fileType(String name) {
    FileType type = FileType.named(name);
    if (type == null) {
      throw new ConfigurationException("hdfs.fileType", describe() + ": hdfs.fileType is '" + name
          + "'", "use SequenceFile, DataStream or CompressedStream");
    }
    return type;
  }

  private CompressionCodec codec(String name, FileType type) {
    if (name == null || name.isBlank()) {
      if (type == FileType.COMPRESSED_STREAM) {
        throw new ConfigurationException("hdfs.codeC", describe() + ": hdfs.fileType = "
            + "CompressedStream needs hdfs.codeC", "set hdfs.codeC = gzip (or bzip2), or use "
            + "hdfs.fileType = DataStream for plain text");
      }
      return null;
    }
    if (type == FileType.DATA_STREAM) {
      throw new ConfigurationException("hdfs.codeC", describe() + ": hdfs.fileType = DataStream "
          + "writes plain text, so hdfs.codeC = " + name + " would be ignored",
          "use hdfs.fileType = CompressedStream to compress, or remove hdfs.codeC");
    }
    CompressionCodec codec = new CompressionCodecFactory(new Configuration())
        .getCodecByName(name.trim());
    if (codec == null) {
      throw new ConfigurationException("hdfs.codeC", describe() + ": no codec '" + name + "'",
          "use gzip, bzip2 or deflate (lzo and snappy need native libraries FlumeLab does not ship)");
    }
    return codec;
  }

  private boolean writeFormat(String format) {
    return switch (format.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> true;
      case "writable" -> false;
      default -> throw new ConfigurationException("hdfs.writeFormat", describe() + ": "
          + "hdfs.writeFormat is '" + format + "'", "use Writable or Text");
    };
  }

  /** Only TEXT exists; returns its appendNewline setting. */
  private boolean serializer(Context context) {
    String serializer = context.getString("serializer", "TEXT").trim();
    if (!serializer.equalsIgnoreCase("TEXT")
        && !serializer.equals("org.apache.flume.serialization.BodyTextEventSerializer$Builder")) {
      throw new ConfigurationException("serializer", describe() + ": serializer '" + serializer
          + "' is not available", "use TEXT (the default), or remove the key");
    }
    return context.getBoolean("serializer.appendNewline", true);
  }

  private long atLeast(Context context, String key, long defaultValue, long min) {
    long value = context.getLong(key, defaultValue);
    if (value < min) {
      throw new ConfigurationException(key, describe() + ": " + key + " is " + value,
          "use " + min + " or more");
    }
    return value;
  }

  @Override
  protected int batchSize() {
    return batchSize;
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
