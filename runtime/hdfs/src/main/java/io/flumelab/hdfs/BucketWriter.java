package io.flumelab.hdfs;

import io.flumelab.api.Event;
import io.flumelab.core.spi.SinkCounter;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LeaseRecoverable;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one bucket (a directory and file prefix after escapes), one open at a time: named
 * {@code <prefix>.<n><suffix>} with {@code n} counting up from the bucket's creation time, written
 * under the in-use name ({@code .tmp}) and renamed when closed. A file is rolled when it reaches
 * {@code hdfs.rollCount} events or {@code hdfs.rollSize} bytes (checked before each append), when
 * it is {@code hdfs.rollInterval} seconds old, and closed after {@code hdfs.idleTimeout} seconds
 * without a write, which also ends the bucket.
 *
 * <p>Methods are synchronized: the sink appends and flushes while the roll and idle timers close.
 */
final class BucketWriter {

  private static final Logger LOG = LoggerFactory.getLogger(HdfsSink.class);

  /** The rolling and naming settings shared by every bucket of a sink. */
  record Settings(String fileSuffix, String inUsePrefix, String inUseSuffix, long rollSeconds,
      long rollSize, long rollCount, long idleSeconds, FileType fileType,
      FileType.Options fileOptions, RenameRetries renameRetries) {}

  /** {@code hdfs.closeTries} (0 = until it works) and {@code hdfs.retryInterval} seconds. */
  record RenameRetries(int tries, long intervalSeconds) {}

  private final String sinkName;
  private final Path directory;
  private final String prefix;
  private final Settings settings;
  private final Configuration conf;
  private final ScheduledExecutorService timer;
  private final SinkCounter counter;
  private final Consumer<BucketWriter> onIdle;
  private final AtomicLong nextNumber = new AtomicLong(System.currentTimeMillis());

  private FileSystem fs;
  private HdfsFile file;
  private Path inUsePath;
  private Path finalPath;
  private long events;
  /** Body bytes of the open file, for hdfs.rollSize (Flume counts bodies, not file bytes). */
  private long bodyBytes;
  /** Counts files opened and flushes, so a timer set for an earlier one does nothing. */
  private long fileGeneration;
  private long flushGeneration;
  /** Events appended since the last flush: a batch that is not committed yet. */
  private long unflushed;
  /** A timer's close failed with events of the current batch in the file. */
  private IOException lostBatch;
  private ScheduledFuture<?> rollTimer;
  private ScheduledFuture<?> idleTimer;
  private boolean ended;

  BucketWriter(String sinkName, Path directory, String prefix, Settings settings,
      Configuration conf, ScheduledExecutorService timer, SinkCounter counter,
      Consumer<BucketWriter> onIdle) {
    this.sinkName = sinkName;
    this.directory = directory;
    this.prefix = prefix;
    this.settings = settings;
    this.conf = conf;
    this.timer = timer;
    this.counter = counter;
    this.onIdle = onIdle;
  }

  /** Where the bucket writes, e.g. {@code hdfs://hadoop102:9000/flume/20261124/13/logs-}. */
  String key() {
    return directory + "/" + prefix;
  }

  /** Appends to the open file, opening or rolling first; false if the bucket has ended. */
  synchronized boolean append(Event event) throws IOException {
    if (ended) {
      return false;
    }
    if (file != null && shouldRoll()) {
      close();
    }
    if (file == null) {
      open();
    }
    file.append(event);
    events++;
    bodyBytes += event.getBody().length;
    unflushed++;
    return true;
  }

  private boolean shouldRoll() {
    return (settings.rollCount() > 0 && events >= settings.rollCount())
        || (settings.rollSize() > 0 && bodyBytes >= settings.rollSize());
  }

  /** Makes every appended event visible and safe; restarts the idle clock. */
  synchronized void flush() throws IOException {
    if (lostBatch != null) {
      IOException cause = lostBatch;
      lostBatch = null;
      throw new IOException("The file holding part of this batch could not be closed, so the "
          + "batch is not known to be in HDFS: " + cause.getMessage(), cause);
    }
    if (file != null) {
      file.flush();
    }
    unflushed = 0;
    if (settings.idleSeconds() > 0 && !ended) {
      if (idleTimer != null) {
        idleTimer.cancel(false);
      }
      long generation = ++flushGeneration;
      idleTimer = timer.schedule(() -> closeIdle(generation), settings.idleSeconds(),
          TimeUnit.SECONDS);
    }
  }

  private void open() throws IOException {
    String name = prefix + "." + nextNumber.incrementAndGet() + suffix();
    Path inUse = new Path(directory, settings.inUsePrefix() + name + settings.inUseSuffix());
    try {
      if (fs == null) {
        fs = directory.getFileSystem(conf);
      }
      file = settings.fileType().create(fs, inUse, conf, settings.fileOptions());
    } catch (IOException | RuntimeException e) {
      counter.incrementConnectionFailedCount();
      throw new IOException("Cannot create " + inUse + ": " + e.getMessage(), e);
    }
    counter.incrementConnectionCreatedCount();
    inUsePath = inUse;
    finalPath = new Path(directory, name);
    events = 0;
    bodyBytes = 0;
    long generation = ++fileGeneration;
    LOG.info("HDFS sink {}: writing {}", sinkName, inUsePath);
    if (settings.rollSeconds() > 0) {
      rollTimer = timer.schedule(() -> closeOnTimer(generation), settings.rollSeconds(),
          TimeUnit.SECONDS);
    }
  }

  /** hdfs.fileSuffix, or else the codec's extension ({@code .gz}), as Flume names files. */
  private String suffix() {
    String suffix = settings.fileSuffix();
    CompressionCodec codec = settings.fileOptions().codec();
    return suffix.isEmpty() && codec != null ? codec.getDefaultExtension() : suffix;
  }

  /** Closes the open file and renames it to its final name; the bucket stays usable. */
  synchronized void close() throws IOException {
    if (rollTimer != null) {
      rollTimer.cancel(false);
      rollTimer = null;
    }
    if (file == null) {
      return;
    }
    HdfsFile closing = file;
    Path from = inUsePath;
    Path to = finalPath;
    file = null;
    try {
      closing.close();
      unflushed = 0;
    } catch (IOException | RuntimeException e) {
      // what was flushed is on the DataNodes, but the file stays open until its lease is recovered;
      // events of the current batch may not be there, so its next flush must fail
      if (unflushed > 0) {
        lostBatch = e instanceof IOException io ? io : new IOException(e);
        unflushed = 0;
      }
      scheduleFinish(from, to, 1, true);
      throw e;
    } finally {
      counter.incrementConnectionClosedCount();
    }
    finish(from, to, 1, false);
  }

  /**
   * Gives a closed file its final name; a file whose close failed first has its lease recovered,
   * which closes it with the data that reached the DataNodes. Retried per closeTries/retryInterval.
   */
  private void finish(Path from, Path to, int attempt, boolean recoverLease) {
    try {
      if (recoverLease && fs instanceof LeaseRecoverable recoverable
          && !recoverable.recoverLease(from)) {
        LOG.warn("HDFS sink {}: {} could not be closed yet (attempt {}); its lease is being "
            + "recovered", sinkName, from, attempt);
        scheduleFinish(from, to, attempt + 1, true);
        return;
      }
      if (from.equals(to) || fs.rename(from, to)) {
        LOG.info("HDFS sink {}: closed {}", sinkName, to);
        return;
      }
      LOG.warn("HDFS sink {}: could not rename {} to {} (attempt {})", sinkName, from, to, attempt);
    } catch (IOException | RuntimeException e) {
      LOG.warn("HDFS sink {}: closing {} as {} failed (attempt {}): {}", sinkName, from, to,
          attempt, e.toString());
    }
    scheduleFinish(from, to, attempt + 1, recoverLease);
  }

  private void scheduleFinish(Path from, Path to, int attempt, boolean recoverLease) {
    RenameRetries retries = settings.renameRetries();
    boolean again = retries.intervalSeconds() > 0
        && (retries.tries() == 0 || attempt <= retries.tries());
    if (again && !timer.isShutdown()) {
      timer.schedule(() -> finish(from, to, attempt, recoverLease), retries.intervalSeconds(),
          TimeUnit.SECONDS);
    } else if (recoverLease) {
      LOG.error("HDFS sink {}: {} is still open; what was flushed to it is on the DataNodes. Close "
          + "it with `hdfs debug recoverLease -path {}`, then `hdfs dfs -mv` it to {}", sinkName,
          from, from, to);
    } else {
      LOG.error("HDFS sink {}: {} keeps its in-use name; its events are in it. Rename it to {} "
          + "by hand (hdfs dfs -mv)", sinkName, from, to);
    }
  }

  /** Ends the bucket for good: closes its file and cancels its timers. */
  synchronized void end() throws IOException {
    ended = true;
    if (idleTimer != null) {
      idleTimer.cancel(false);
    }
    close();
  }

  private synchronized void closeOnTimer(long generation) {
    if (generation != fileGeneration) {
      return; // set for a file already closed: this one has its own timer
    }
    rollTimer = null;
    try {
      close();
    } catch (IOException e) {
      timerCloseFailed(e);
    } catch (RuntimeException e) {
      timerCloseFailed(new IOException(e));
    }
  }

  /** close() already told the batch in progress (lostBatch); the timer only reports it. */
  private void timerCloseFailed(IOException e) {
    LOG.warn("HDFS sink {}: closing {} on its timer failed: {}", sinkName, inUsePath, e.toString());
  }

  private void closeIdle(long generation) {
    synchronized (this) {
      if (ended || generation != flushGeneration) {
        return; // written since: a later timer is set
      }
      try {
        end();
      } catch (IOException e) {
        timerCloseFailed(e);
      } catch (RuntimeException e) {
        timerCloseFailed(new IOException(e));
      }
    }
    onIdle.accept(this);
  }
}
