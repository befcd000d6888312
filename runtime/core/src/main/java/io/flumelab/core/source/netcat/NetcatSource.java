package io.flumelab.core.source.netcat;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.Channel;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.api.TransactionCapacitySupported;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
import io.flumelab.core.spi.ListenAddress;
import io.flumelab.core.spi.NettyServer;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.spi.ThrottledLog;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a TCP port and turns each line a client sends into an event, like
 * {@code nc -k -l host port} feeding Flume. Keys, as in Flume 1.11:
 *
 * <ul>
 *   <li>{@code bind} (required): host name or address to listen on; {@code 0.0.0.0} for all.
 *   <li>{@code port} (required): TCP port; 0 picks a free one (see {@link #getLocalAddress()}).
 *   <li>{@code max-line-length} (512): the most body bytes one line yields.
 *   <li>{@code ack-every-event} (true): answer {@code OK\n} for each line once it is committed.
 *   <li>{@code encoding} (utf-8): the text encoding of lines and replies; it must encode ASCII as
 *       ASCII (UTF-8, ISO-8859-x, windows-125x, GBK, ... but not UTF-16).
 *   <li>{@code batchSize} (100), a FlumeLab extension: the most lines handed to the channels in one
 *       transaction. A memory channel refuses a transaction above its transactionCapacity, so at
 *       start the batch is lowered to the smallest transactionCapacity of the memory channels the
 *       source writes to (Flume's netcat source writes one line per transaction, so any channel
 *       that works there works here).
 * </ul>
 *
 * <p>Behaviour, line by line (details in {@link NetcatConnectionHandler}):
 *
 * <ul>
 *   <li>The body is the bytes before {@code \n}. A {@code \r} before it stays in the body, as in
 *       Flume (a telnet line shows up as {@code hello.} in the logger sink).
 *   <li>A longer line is cut to {@code max-line-length} bytes (never inside a multi-byte
 *       character), the rest up to the newline is skipped, and the event is still delivered. Each
 *       cut line counts as {@code EventReadFail}; the first per connection is logged at WARN.
 *       Flume instead answers {@code FAILED} and drops the connection.
 *   <li>Lines read in one burst go to the channel processor in batches; {@code OK}s are written
 *       after the batch commits and flushed once per burst. If the channels refuse a batch, every
 *       line of it is answered {@code FAILED: reason} (also without ack-every-event, as in Flume)
 *       and {@code ChannelWriteFail} counts the refused batch. Nothing uncommitted is acknowledged.
 *   <li>A line that is not valid text in {@code encoding} gets {@code FAILED}, counts as
 *       {@code EventReadFail}, and the connection is closed (Flume drops it silently). Bytes left
 *       without a newline when a client disconnects are discarded and count as {@code EventReadFail}.
 *       Neither affects other connections.
 *   <li>A client that does not read its {@code OK}s is no longer read from until it does.
 *   <li>Warnings about what clients send show the start of the line escaped and cut
 *       ({@link io.flumelab.core.spi.WireText}) and are logged at most once per 10 s per source,
 *       saying how many were left out ({@link ThrottledLog}); the counters count every one.
 * </ul>
 *
 * <p>One acceptor thread and a few I/O threads serve all connections; the channel processor is
 * called on the I/O thread, so a full channel slows that thread's clients, as back-pressure.
 */
public class NetcatSource extends CountedSource implements EventDrivenSource, Configurable {

  static final Setting<String> BIND = ListenAddress.BIND;
  static final Setting<Integer> PORT = ListenAddress.port(44444);
  static final Setting<Integer> MAX_LINE_LENGTH = Setting.integer("max-line-length")
      .defaultValue(512).check(Check.atLeast(1)).doc("the most body bytes one line yields");
  static final Setting<Boolean> ACK_EVERY_EVENT = Setting.bool("ack-every-event").defaultValue(true)
      .doc("answer OK for each line once it is committed");
  // lines are split on the byte 0x0A and replies are ASCII, so the encoding must keep ASCII as is
  static final Setting<Charset> ENCODING = Setting.charset("encoding")
      .defaultValue(StandardCharsets.UTF_8).check(NetcatSource.asciiCompatible())
      .doc("the text encoding of lines and replies");
  /**
   * Not Flume's: its netcat source puts one line per transaction. Not a batch the channel must
   * fit either: {@link #start} lowers it to the channels' transactionCapacity, so any channel that
   * works in Flume works here.
   */
  static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize").defaultValue(100)
      .check(Check.atLeast(1)).doc("the most lines of one read burst put in one transaction");

  public static final ComponentSpec SPEC = ComponentSpec.builder(SOURCE, "netcat", NetcatSource.class)
      .flumeClass("org.apache.flume.source.NetcatSource")
      .settings(BIND, PORT, MAX_LINE_LENGTH, ACK_EVERY_EVENT, ENCODING, BATCH_SIZE)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(NetcatSource.class);
  private static final int WORKER_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private String bind;
  private int port;
  private int maxLineLength;
  private boolean ackEveryEvent;
  private Charset encoding;
  private int batchSize;
  private boolean batchSizeConfigured;
  /** batchSize, lowered to what the channels accept; set by start. */
  private volatile int effectiveBatchSize;

  private final NettyServer server = new NettyServer();
  private final ThrottledLog badInputLog = new ThrottledLog(LOG);
  private final ThrottledLog refusedLog = new ThrottledLog(LOG);

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    bind = settings.get(BIND);
    port = settings.get(PORT);
    maxLineLength = settings.get(MAX_LINE_LENGTH);
    ackEveryEvent = settings.get(ACK_EVERY_EVENT);
    encoding = settings.get(ENCODING);
    batchSize = settings.get(BATCH_SIZE);
    batchSizeConfigured = settings.isSet(BATCH_SIZE);
  }

  private static Check<Charset> asciiCompatible() {
    String probe = "\n\r OK FAILED: az AZ 09";
    return new Check<>("ASCII-compatible",
        charset -> charset.canEncode()
            && Arrays.equals(probe.getBytes(charset), probe.getBytes(StandardCharsets.US_ASCII)),
        charset -> "encoding " + charset.name() + " does not write ASCII characters as single "
            + "ASCII bytes, so lines cannot be split on newlines",
        "Use utf-8, iso-8859-1 or another ASCII-compatible encoding.");
  }

  @Override
  protected String describe() {
    return "Netcat source " + getName();
  }

  /** The address the source listens on while started (with the actual port if port was 0). */
  public InetSocketAddress getLocalAddress() {
    return server.localAddress();
  }

  @Override
  public synchronized void start() {
    requireStartable(server.isListening(), bind != null);
    ListenAddress where = ListenAddress.resolve(describe(), getName(), bind, port);
    effectiveBatchSize = fitBatchToChannels();
    SourceCounter sourceCounter = getCounter();
    server.listenTcp(where, "netcat-" + getName(), WORKER_THREADS, true,
        ch -> ch.pipeline().addLast(new NetcatConnectionHandler(this, sourceCounter)));
    super.start();
    InetSocketAddress local = getLocalAddress();
    // the lab harness and students wait for this line
    LOG.info("Netcat source {} listening on /{}:{}", getName(),
        local.getAddress().getHostAddress(), local.getPort());
  }

  /** batchSize, or less if a channel written to takes fewer events in one transaction. */
  private int fitBatchToChannels() {
    int fitted = batchSize;
    String limitedBy = null;
    for (Channel channel : getChannelProcessor().getAllChannels()) {
      if (channel instanceof TransactionCapacitySupported limited
          && limited.getTransactionCapacity() < fitted) {
        fitted = (int) limited.getTransactionCapacity();
        limitedBy = channel.getName();
      }
    }
    if (limitedBy != null) {
      String message = "Netcat source {}: batchSize {} is above the transactionCapacity of "
          + "channel {}; delivering at most {} lines per transaction";
      if (batchSizeConfigured) {
        LOG.warn(message, getName(), batchSize, limitedBy, fitted);
      } else {
        LOG.info(message, getName(), batchSize, limitedBy, fitted);
      }
    }
    return fitted;
  }

  @Override
  public synchronized void stop() {
    boolean wasListening = server.close();
    super.stop();
    if (wasListening) {
      LOG.info("Netcat source {} stopped listening on {}:{}", getName(), bind, port);
    }
  }

  /** Warnings about what a client sent (bad lines, cut lines, half lines): throttled. */
  ThrottledLog badInputLog() {
    return badInputLog;
  }

  /** Warnings about batches the channels refused: throttled, as a full channel refuses many. */
  ThrottledLog refusedLog() {
    return refusedLog;
  }

  int maxLineLength() {
    return maxLineLength;
  }

  boolean ackEveryEvent() {
    return ackEveryEvent;
  }

  Charset encoding() {
    return encoding;
  }

  int batchSize() {
    return effectiveBatchSize;
  }
}
