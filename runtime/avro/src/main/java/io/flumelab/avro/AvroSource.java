package io.flumelab.avro;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
import io.flumelab.core.spi.ListenAddress;
import io.flumelab.core.spi.NettyServer;
import io.flumelab.core.spi.ServerSsl;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.spi.ThrottledLog;
import io.flumelab.core.spi.WireText;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ipfilter.IpFilterRule;
import io.netty.handler.ipfilter.RuleBasedIpFilter;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives events over Flume's avro protocol, from Flume's SDK client ({@code RpcClientFactory}),
 * a Flume avro sink or ours. Port 0 picks a free one. {@code compression-type = deflate} expects
 * clients that compress, as Flume's sink and client do with the same setting; both sides must
 * agree. {@code ipFilterRules} allow or deny clients by address or name (see
 * {@link IpFilterRules}); a denied connection is closed at once. SSL is not supported yet:
 * {@code ssl = true} is a configuration error rather than a silently unencrypted port, and the
 * other SSL keys are accepted and unused.
 *
 * <p>Each append or appendBatch goes to the channel processor in one call (one transaction per
 * channel) on the connection's I/O thread; the answer is {@code OK} only after the commit and
 * {@code FAILED} when a required channel refused, so the client retries and nothing uncommitted
 * is acknowledged. A connection that sends anything else is closed and counted as
 * {@code EventReadFail} (see {@link AvroConnectionHandler}); other connections are not affected.
 *
 * <p>Any client can connect, so what it sends is treated as hostile: the bytes of calls being
 * read, all connections together, stay within {@code maxReadBytes} (a connection that would go
 * beyond it waits, see {@link ReadBudget}), one call within {@code maxFrameBytes}, a call left
 * unfinished for {@code frameIdleTimeout} is dropped, wire values reach the log only through
 * {@link WireText#quote}, and the warnings a client can cause are rate-limited per source.
 */
public class AvroSource extends CountedSource implements EventDrivenSource, Configurable {

  /** Below this a Flume client's ordinary batch would not fit. */
  private static final long MIN_BYTES = 64 * 1024;

  private static final int DEFAULT_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  static final Setting<String> BIND = ListenAddress.BIND;
  static final Setting<Integer> PORT = ListenAddress.port(4141);
  static final Setting<Integer> THREADS = Setting.integer("threads")
      .defaultValue(() -> DEFAULT_THREADS, "the processors, at most 4").check(Check.atLeast(1))
      .doc("the I/O threads serving connections");
  static final Setting<String> COMPRESSION_TYPE = Setting.string(Compression.KEY)
      .defaultValue("none").check(Check.oneOf("none", "deflate"))
      .doc("deflate for clients that compress; both ends must agree");
  static final Setting<Boolean> IP_FILTER = Setting.bool("ipFilter").defaultValue(false)
      .doc("allow or deny clients by ipFilterRules");
  static final Setting<String> IP_FILTER_RULES = Setting.string(IpFilterRules.KEY)
      .doc("allow:ip:127.*,deny:ip:* and the like, the first matching rule wins");
  static final Setting<Long> MAX_READ_BYTES = Setting.longValue("maxReadBytes")
      .defaultValue(() -> Runtime.getRuntime().maxMemory() / 8, "an eighth of the heap")
      .check(Check.atLeast(MIN_BYTES))
      .doc("bytes of calls being read, all connections together; beyond it reading waits");
  static final Setting<Long> MAX_FRAME_BYTES = Setting.longValue("maxFrameBytes")
      .defaultValue(() -> Runtime.getRuntime().maxMemory() / 16,
          "a sixteenth of the heap, at most maxReadBytes")
      .check(Check.atLeast(MIN_BYTES))
      .doc("bytes one call may have; a larger call closes its connection");
  static final Setting<Long> FRAME_IDLE_TIMEOUT = Setting.millis("frameIdleTimeout")
      .defaultValue(30_000L)
      .doc("how long a client may send nothing in the middle of a call before it is closed; "
          + "0 never");

  public static final ComponentSpec SPEC = ComponentSpec.builder(SOURCE, "avro", AvroSource.class)
      .flumeClass("org.apache.flume.source.AvroSource")
      .settings(BIND, PORT, THREADS, COMPRESSION_TYPE, IP_FILTER, IP_FILTER_RULES, MAX_READ_BYTES,
          MAX_FRAME_BYTES, FRAME_IDLE_TIMEOUT)
      .settings(ServerSsl.SETTINGS)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(AvroSource.class);

  private String bind;
  private int port;
  private int threads;
  private Compression compression = Compression.NONE;
  private List<IpFilterRule> ipFilterRules;
  private long maxReadBytes;
  private long maxFrameBytes;
  private long frameIdleTimeoutMillis;
  private volatile ReadBudget readBudget;
  /** Warnings any client can cause at will: at most one per interval for the whole source. */
  private final ThrottledLog clientWarnings = new ThrottledLog(LOG);

  private static final int MAX_KNOWN_CLIENT_HASHES = 16;

  /** Hashes of client protocols seen to be Flume's, besides our own. */
  private final Set<String> knownClientHashes = ConcurrentHashMap.newKeySet();
  private final NettyServer server = new NettyServer();

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    bind = settings.get(BIND);
    port = settings.get(PORT);
    threads = settings.get(THREADS);
    compression = Compression.valueOf(settings.get(COMPRESSION_TYPE).toUpperCase(Locale.ROOT));
    maxReadBytes = settings.get(MAX_READ_BYTES);
    maxFrameBytes = settings.get(MAX_FRAME_BYTES);
    frameIdleTimeoutMillis = settings.get(FRAME_IDLE_TIMEOUT);
    if (maxFrameBytes > maxReadBytes) {
      if (context.getString(MAX_FRAME_BYTES.key()) != null) {
        throw new ConfigurationException(MAX_FRAME_BYTES.key(), describe() + ": maxFrameBytes ("
            + maxFrameBytes + ") is above maxReadBytes (" + maxReadBytes + "), so such a call "
            + "could never be read", "Lower maxFrameBytes to at most " + maxReadBytes
            + " or raise maxReadBytes");
      }
      maxFrameBytes = maxReadBytes; // the default share of the heap, cut to a smaller budget
    }
    boolean ipFilter = settings.get(IP_FILTER);
    String rules = settings.get(IP_FILTER_RULES);
    ServerSsl.refuse(settings,
        "Remove ssl (or set ssl = false) and keep the port on a trusted network");
    ipFilterRules = null;
    if (ipFilter) {
      if (rules == null || rules.isBlank()) {
        throw new ConfigurationException(IP_FILTER_RULES.key(),
            "Avro source " + getName() + ": ipFilter is true but ipFilterRules is not set",
            "Add ipFilterRules, e.g. allow:ip:127.*,deny:ip:*, or remove ipFilter");
      }
      ipFilterRules = IpFilterRules.parse(getName(), rules);
    }
  }

  @Override
  protected String describe() {
    return "Avro source " + getName();
  }

  /** The address the source listens on while started (with the actual port if port was 0). */
  public InetSocketAddress getLocalAddress() {
    return server.localAddress();
  }

  /**
   * Whether a client's protocol is Flume's: its hash is ours or one seen before, or it sent its
   * text and that is Flume's protocol (rendered by another Avro version). False asks the client
   * for its text; a text that is not Flume's protocol is refused.
   */
  boolean knowsClient(Handshake.Request request, String peer) {
    String hash = Arrays.toString(request.clientHash());
    if (Arrays.equals(request.clientHash(), AvroProtocol.MD5) || knownClientHashes.contains(hash)) {
      return true;
    }
    if (request.clientProtocol() == null) {
      return false;
    }
    if (!AvroProtocol.isFlumeProtocol(request.clientProtocol())) {
      throw new AvroFormatException("the client speaks another Avro protocol than Flume's "
          + "AvroSourceProtocol");
    }
    // a client chooses its hash at will: remember a few, so that a flood of made-up ones costs
    // neither memory nor a log line each
    if (knownClientHashes.size() < MAX_KNOWN_CLIENT_HASHES && knownClientHashes.add(hash)) {
      LOG.info("Avro source {}: {} uses Flume's protocol with another hash; accepted",
          getName(), peer);
    }
    return true;
  }

  /** The budget of the running (or last run) source's connections; null before the first start. */
  ReadBudget readBudget() {
    return readBudget;
  }

  long frameIdleTimeoutMillis() {
    return frameIdleTimeoutMillis;
  }

  /** Where the connections log what their clients did wrong, rate-limited. */
  ThrottledLog clientWarnings() {
    return clientWarnings;
  }

  @Override
  public synchronized void start() {
    requireStartable(server.isListening(), bind != null);
    ListenAddress where = ListenAddress.resolve(describe(), getName(), bind, port)
        .withoutNotLocalEcho()
        .describingOtherCauses(c -> String.valueOf(c.getMessage()));
    SourceCounter sourceCounter = getCounter();
    ReadBudget budget = new ReadBudget(maxReadBytes, maxFrameBytes);
    readBudget = budget;
    server.listenTcp(where, "avro-" + getName(), threads, true, ch -> {
      ChannelPipeline pipeline = ch.pipeline();
      if (ipFilterRules != null) {
        pipeline.addLast(ipFilter());
      }
      // a frame's reader sees the idle time, as only it knows whether a frame is in progress
      pipeline.addLast(new IdleStateHandler(frameIdleTimeoutMillis, 0, 0, TimeUnit.MILLISECONDS));
      compression.addTo(pipeline);
      FrameCodec codec = new FrameCodec(budget);
      pipeline.addLast(codec);
      pipeline.addLast(new AvroConnectionHandler(this, sourceCounter, budget, codec));
    });
    super.start();
    InetSocketAddress local = getLocalAddress();
    LOG.info("Avro source {} listening on /{}:{}{}; reading at most {} bytes of calls at once, "
        + "{} per call", getName(), local.getAddress().getHostAddress(), local.getPort(),
        compression == Compression.DEFLATE ? " (deflate)" : "", maxReadBytes, maxFrameBytes);
  }

  private RuleBasedIpFilter ipFilter() {
    return new RuleBasedIpFilter(ipFilterRules.toArray(new IpFilterRule[0])) {
      @Override
      protected ChannelFuture channelRejected(ChannelHandlerContext ctx,
          InetSocketAddress remote) {
        LOG.info("Avro source {}: refused a connection from {} (ipFilterRules)", getName(),
            remote);
        return null;
      }
    };
  }

  @Override
  public synchronized void stop() {
    boolean wasListening = server.close();
    super.stop();
    if (wasListening) {
      LOG.info("Avro source {} stopped listening on {}:{}", getName(), bind, port);
    }
  }
}
