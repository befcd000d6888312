package io.flumelab.core.source;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.core.counter.Counted;
import io.flumelab.core.counter.SourceCounter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command and turns each line of its standard output into an event, as the course's
 * {@code tail -F /opt/module/hive/logs/hive.log} does. Keys, as in Flume 1.11:
 *
 * <ul>
 *   <li>{@code command} (required): the command line.
 *   <li>{@code shell} (none): a shell to run the command with, such as {@code /bin/bash -c}; needed
 *       for pipes, wildcards and the like. Without it the command is split on whitespace and run
 *       directly.
 *   <li>{@code restart} (false), {@code restartThrottle} (10000 ms): run the command again, after
 *       this pause, when it ends.
 *   <li>{@code logStdErr} (false): log the command's error output at INFO.
 *   <li>{@code batchSize} (20), {@code batchTimeout} (3000 ms): lines per transaction, and the
 *       longest a line waits for its batch to fill.
 *   <li>{@code charset} (UTF-8): the encoding of the command's output and of event bodies.
 * </ul>
 *
 * <p>Differences from Flume, on purpose: when the channels refuse a batch, Flume's exec source
 * logs an error, kills the command and loses the batch; FlumeLab keeps the batch and offers it
 * again with a growing pause (100 ms up to 2 s) while it stops reading, so the command blocks on its
 * full pipe and nothing it wrote is dropped. When the source stops, the command and all its child
 * processes are ended and the lines already read get up to {@value #STOP_GRACE_MS} ms to be taken;
 * only what is still refused then is lost, and that is logged as an error with the count. When the
 * command ends, its exit status and its last lines of error output are logged at WARN, so a
 * {@code tail} of a missing file is explained.
 */
public class ExecSource extends AbstractSource implements EventDrivenSource, Configurable, Counted {

  public static final String CONFIG_COMMAND = "command";
  public static final String CONFIG_SHELL = "shell";
  public static final String CONFIG_RESTART = "restart";
  public static final String CONFIG_RESTART_THROTTLE = "restartThrottle";
  public static final String CONFIG_LOG_STDERR = "logStdErr";
  public static final String CONFIG_BATCH_SIZE = "batchSize";
  public static final String CONFIG_BATCH_TIMEOUT = "batchTimeout";
  public static final String CONFIG_CHARSET = "charset";
  public static final boolean DEFAULT_RESTART = false;
  public static final long DEFAULT_RESTART_THROTTLE = 10_000;
  public static final boolean DEFAULT_LOG_STDERR = false;
  public static final int DEFAULT_BATCH_SIZE = 20;
  public static final long DEFAULT_BATCH_TIMEOUT = 3000;
  public static final String DEFAULT_CHARSET = "UTF-8";
  static final long STOP_GRACE_MS = 5000;

  private static final Logger LOG = LoggerFactory.getLogger(ExecSource.class);

  private String command;
  private List<String> argv;
  private boolean restart;
  private long restartThrottle;
  private boolean logStdErr;
  private int batchSize;
  private long batchTimeout;
  private Charset charset;
  private volatile SourceCounter counter;

  private ScheduledExecutorService timer;
  private ExecBatcher batcher;
  private ExecProcessLoop loop;
  private Thread thread;

  @Override
  public void configure(Context context) {
    command = context.getString(CONFIG_COMMAND);
    if (command == null || command.isEmpty()) {
      throw new ConfigurationException(CONFIG_COMMAND,
          "Exec source " + getName() + " needs command, the command whose output becomes events",
          "Add command = tail -F /path/to/app.log");
    }
    String shell = context.getString(CONFIG_SHELL);
    argv = new ArrayList<>();
    if (shell != null && !shell.isEmpty()) {
      argv.addAll(Arrays.asList(shell.split("\\s+")));
      argv.add(command);
    } else {
      argv.addAll(Arrays.asList(command.split("\\s+")));
    }
    restart = context.getBoolean(CONFIG_RESTART, DEFAULT_RESTART);
    restartThrottle = atLeast(context, CONFIG_RESTART_THROTTLE, DEFAULT_RESTART_THROTTLE, 0);
    logStdErr = context.getBoolean(CONFIG_LOG_STDERR, DEFAULT_LOG_STDERR);
    batchSize = (int) atLeast(context, CONFIG_BATCH_SIZE, DEFAULT_BATCH_SIZE, 1);
    batchTimeout = atLeast(context, CONFIG_BATCH_TIMEOUT, DEFAULT_BATCH_TIMEOUT, 1);
    String charsetName = context.getString(CONFIG_CHARSET, DEFAULT_CHARSET);
    try {
      charset = Charset.forName(charsetName);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ConfigurationException(CONFIG_CHARSET,
          "Exec source " + getName() + ": unknown charset '" + charsetName + "'",
          "Use a Java charset name such as UTF-8 or ISO-8859-1");
    }
  }

  private long atLeast(Context context, String key, long defaultValue, long min) {
    long value = context.getLong(key, defaultValue);
    if (value < min) {
      throw new ConfigurationException(key,
          "Exec source " + getName() + ": " + key + " must be " + min + " or more, not " + value,
          "Remove " + key + " to use the default, " + defaultValue);
    }
    if (key.equals(CONFIG_BATCH_SIZE) && value > Integer.MAX_VALUE) {
      throw new ConfigurationException(key,
          "Exec source " + getName() + ": batchSize " + value + " is too large",
          "Use a batchSize no larger than the channel's transactionCapacity");
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
    if (getChannelProcessor() == null) {
      throw new IllegalStateException("Exec source " + getName() + " has no channel processor");
    }
    if (command == null) {
      throw new IllegalStateException("Exec source " + getName() + " is not configured");
    }
    if (thread != null) {
      throw new IllegalStateException("Exec source " + getName() + " is already started");
    }
    SourceCounter sourceCounter = getCounter();
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "exec-" + getName() + "-flush");
      t.setDaemon(true);
      return t;
    });
    batcher = new ExecBatcher(this, sourceCounter, batchSize, batchTimeout, timer);
    loop = new ExecProcessLoop(getName(), argv, command, restart, restartThrottle, logStdErr,
        charset, batcher);
    thread = new Thread(loop, "exec-" + getName());
    sourceCounter.start();
    super.start();
    thread.start();
  }

  @Override
  public synchronized void stop() {
    Thread t = thread;
    thread = null;
    if (t != null) {
      batcher.stopping(STOP_GRACE_MS);
      loop.stop();
      try {
        t.join(STOP_GRACE_MS + ExecProcessLoop.KILL_GRACE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn("Exec source {}: its reader thread did not end within {} ms of the stop",
            getName(), STOP_GRACE_MS + ExecProcessLoop.KILL_GRACE_MS);
        t.interrupt();
      }
      timer.shutdownNow();
      try {
        timer.awaitTermination(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LOG.info("Exec source {} stopped [{}]", getName(), command);
    }
    getCounter().stop();
    super.stop();
  }

  /** The command's current process, or null; for tests. */
  Process process() {
    ExecProcessLoop l = loop;
    return l == null ? null : l.process();
  }

  /** How many times the command has been started; for tests. */
  int runs() {
    ExecProcessLoop l = loop;
    return l == null ? 0 : l.runs();
  }
}
