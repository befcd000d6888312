package io.flumelab.core.source.exec;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
public class ExecSource extends CountedSource
    implements EventDrivenSource, Configurable, BatchSizeSupported {

  static final Setting<String> COMMAND = Setting.string("command")
      .required("tail -F /path/to/app.log").doc("the command whose output becomes events");
  static final Setting<String> SHELL = Setting.string("shell")
      .doc("a shell to run the command with, such as /bin/bash -c, for pipes and wildcards");
  static final Setting<Boolean> RESTART = Setting.bool("restart").defaultValue(false)
      .doc("run the command again when it ends");
  static final Setting<Long> RESTART_THROTTLE = Setting.millis("restartThrottle")
      .defaultValue(10_000L).doc("the pause before a restart");
  static final Setting<Boolean> LOG_STDERR = Setting.bool("logStdErr").defaultValue(false)
      .doc("log the command's error output at INFO");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize").defaultValue(20)
      .check(Check.atLeast(1)).doc("lines per channel transaction");
  static final Setting<Long> BATCH_TIMEOUT = Setting.millis("batchTimeout").defaultValue(3000L)
      .check(Check.atLeast(1)).doc("the longest a line waits for its batch to fill");
  static final Setting<Charset> CHARSET = Setting.charset("charset")
      .defaultValue(StandardCharsets.UTF_8).doc("the encoding of the command's output");

  public static final ComponentSpec SPEC = ComponentSpec.builder(SOURCE, "exec", ExecSource.class)
      .flumeClass("org.apache.flume.source.ExecSource")
      .settings(COMMAND, SHELL, RESTART, RESTART_THROTTLE, LOG_STDERR, BATCH_TIMEOUT, CHARSET)
      .batch(BATCH_SIZE)
      .build();

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

  private ScheduledExecutorService timer;
  private ExecBatcher batcher;
  private ExecProcessLoop loop;
  private Thread thread;

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    command = settings.get(COMMAND);
    String shell = settings.get(SHELL);
    argv = new ArrayList<>();
    if (shell != null && !shell.isBlank()) {
      argv.addAll(Arrays.asList(shell.trim().split("\\s+")));
      argv.add(command);
    } else {
      argv.addAll(Arrays.asList(command.split("\\s+")));
    }
    restart = settings.get(RESTART);
    restartThrottle = settings.get(RESTART_THROTTLE);
    logStdErr = settings.get(LOG_STDERR);
    batchSize = settings.get(BATCH_SIZE);
    batchTimeout = settings.get(BATCH_TIMEOUT);
    charset = settings.get(CHARSET);
  }

  @Override
  protected String describe() {
    return "Exec source " + getName();
  }

  @Override
  public long getBatchSize() {
    return batchSize;
  }

  @Override
  public synchronized void start() {
    requireStartable(thread != null, command != null);
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
