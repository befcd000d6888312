package io.flumelab.core.source;

import io.flumelab.api.ChannelProcessor;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.counter.SourceCounter;
import io.flumelab.core.net.ListenAddress;
import io.flumelab.core.net.NettyServer;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
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
 * </ul>
 *
 * <p>One acceptor thread and a few I/O threads serve all connections; the channel processor is
 * called on the I/O thread, so a full channel slows that thread's clients, as back-pressure.
 */
public class NetcatSource extends CountedSource implements EventDrivenSource, Configurable {

  public static final String CONFIG_BIND = "bind";
  public static final String CONFIG_PORT = "port";
  public static final String CONFIG_MAX_LINE_LENGTH = "max-line-length";
  public static final String CONFIG_ACK_EVERY_EVENT = "ack-every-event";
  public static final String CONFIG_ENCODING = "encoding";
  public static final String CONFIG_BATCH_SIZE = "batchSize";
  public static final int DEFAULT_MAX_LINE_LENGTH = 512;
  public static final boolean DEFAULT_ACK_EVERY_EVENT = true;
  public static final String DEFAULT_ENCODING = "utf-8";
  public static final int DEFAULT_BATCH_SIZE = 100;

  private static final Logger LOG = LoggerFactory.getLogger(NetcatSource.class);
  private static final int WORKER_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private String bind;
  private int port;
  private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
  private boolean ackEveryEvent = DEFAULT_ACK_EVERY_EVENT;
  private Charset encoding = StandardCharsets.UTF_8;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private boolean batchSizeConfigured;
  /** batchSize, lowered to what the channels accept; set by start. */
  private volatile int effectiveBatchSize = DEFAULT_BATCH_SIZE;

  private final NettyServer server = new NettyServer();

  @Override
  public void configure(Context context) {
    bind = ListenAddress.requiredBind(context, describe());
    port = ListenAddress.requiredPort(context, describe(), "TCP", 44444);
    maxLineLength = positive(context, CONFIG_MAX_LINE_LENGTH, DEFAULT_MAX_LINE_LENGTH);
    ackEveryEvent = context.getBoolean(CONFIG_ACK_EVERY_EVENT, DEFAULT_ACK_EVERY_EVENT);
    batchSize = positive(context, CONFIG_BATCH_SIZE, DEFAULT_BATCH_SIZE);
    batchSizeConfigured = context.containsKey(CONFIG_BATCH_SIZE);
    encoding = encoding(context.getString(CONFIG_ENCODING, DEFAULT_ENCODING));
  }

  private int positive(Context context, String key, int defaultValue) {
    int value = context.getInteger(key, defaultValue);
    if (value < 1) {
      throw new ConfigurationException(key,
          "Netcat source " + getName() + ": " + key + " must be 1 or more, not " + value,
          "Remove " + key + " to use the default, " + defaultValue);
    }
    return value;
  }

  private Charset encoding(String name) {
    Charset charset;
    try {
      charset = Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ConfigurationException(CONFIG_ENCODING,
          "Netcat source " + getName() + ": unknown encoding '" + name + "'",
          "Use a Java charset name such as utf-8 or iso-8859-1");
    }
    // lines are split on the byte 0x0A and replies are ASCII, so the encoding must keep ASCII as is
    String probe = "\n\r OK FAILED: az AZ 09";
    if (!charset.canEncode()
        || !Arrays.equals(probe.getBytes(charset), probe.getBytes(StandardCharsets.US_ASCII))) {
      throw new ConfigurationException(CONFIG_ENCODING,
          "Netcat source " + getName() + ": encoding " + charset.name()
              + " does not write ASCII characters as single ASCII bytes, so lines cannot be "
              + "split on newlines",
          "Use utf-8, iso-8859-1 or another ASCII-compatible encoding");
    }
    return charset;
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

  /** batchSize, or less if a memory channel written to has a smaller transactionCapacity. */
  private int fitBatchToChannels() {
    ChannelProcessor processor = getChannelProcessor();
    if (!(processor instanceof DefaultChannelProcessor defaultProcessor)) {
      return batchSize;
    }
    int fitted = batchSize;
    String limitedBy = null;
    for (io.flumelab.api.Channel channel : defaultProcessor.getSelector().getAllChannels()) {
      if (channel instanceof MemoryChannel memory && memory.getTransactionCapacity() < fitted) {
        fitted = memory.getTransactionCapacity();
        limitedBy = memory.getName();
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
