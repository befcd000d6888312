package io.flumelab.avro;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
import io.flumelab.core.spi.ListenAddress;
import io.flumelab.core.spi.NettyServer;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ipfilter.IpFilterRule;
import io.netty.handler.ipfilter.RuleBasedIpFilter;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives events over Flume's avro protocol, from Flume's SDK client ({@code RpcClientFactory}),
 * a Flume avro sink or ours. Keys, as in Flume 1.11:
 *
 * <ul>
 *   <li>{@code bind}, {@code port} (required): where to listen; port 0 picks a free one.
 *   <li>{@code threads}: the I/O threads serving connections (default: the processors, at most 4).
 *   <li>{@code compression-type} (none): {@code deflate} expects clients that compress, as Flume's
 *       sink and client do with compression-type = deflate; both sides must agree.
 *   <li>{@code ipFilter} (false), {@code ipFilterRules}: allow or deny clients by address or name
 *       (see {@link IpFilterRules}); a denied connection is closed at once.
 *   <li>{@code ssl} (false): not supported yet; {@code ssl = true} is a configuration error rather
 *       than a silently unencrypted port.
 * </ul>
 *
 * <p>Each append or appendBatch goes to the channel processor in one call (one transaction per
 * channel) on the connection's I/O thread; the answer is {@code OK} only after the commit and
 * {@code FAILED} when a required channel refused, so the client retries and nothing uncommitted
 * is acknowledged. A connection that sends anything else is closed and counted as
 * {@code EventReadFail} (see {@link AvroConnectionHandler}); other connections are not affected.
 */
public class AvroSource extends CountedSource implements EventDrivenSource, Configurable {

  /** The {@code avro} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SOURCE, "avro", AvroSource.class)
      .flumeClass("org.apache.flume.source.AvroSource")
      .settings(Setting.string("bind").required("<value>"),
          Setting.integer("port").required("<value>"),
          Setting.integer("threads"),
          Setting.string("compression-type"),
          Setting.bool("ipFilter"),
          Setting.string("ipFilterRules"),
          Setting.bool("ssl"),
          Setting.string("keystore"),
          Setting.string("keystore-password"),
          Setting.string("keystore-type"),
          Setting.string("exclude-protocols"),
          Setting.string("include-protocols"),
          Setting.string("exclude-cipher-suites"),
          Setting.string("include-cipher-suites"))
      .build();


  public static final String CONFIG_BIND = "bind";
  public static final String CONFIG_PORT = "port";
  public static final String CONFIG_THREADS = "threads";
  public static final String CONFIG_COMPRESSION_TYPE = "compression-type";
  public static final String CONFIG_IP_FILTER = "ipFilter";
  public static final String CONFIG_IP_FILTER_RULES = IpFilterRules.KEY;
  public static final String CONFIG_SSL = "ssl";

  private static final Logger LOG = LoggerFactory.getLogger(AvroSource.class);
  private static final int DEFAULT_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private String bind;
  private int port;
  private int threads = DEFAULT_THREADS;
  private Compression compression = Compression.NONE;
  private List<IpFilterRule> ipFilterRules;

  /** Hashes of client protocols seen to be Flume's, besides our own. */
  private final Set<String> knownClientHashes = ConcurrentHashMap.newKeySet();
  private final NettyServer server = new NettyServer();

  @Override
  public void configure(Context context) {
    bind = context.getString(CONFIG_BIND);
    if (bind == null || bind.isBlank()) {
      throw new ConfigurationException(CONFIG_BIND,
          "Avro source " + getName() + " needs bind, the address to listen on",
          "Add bind = 0.0.0.0 (every interface) or bind = localhost (this machine only)");
    }
    Integer configuredPort = context.getInteger(CONFIG_PORT);
    if (configuredPort == null || configuredPort < 0 || configuredPort > 65535) {
      throw new ConfigurationException(CONFIG_PORT,
          "Avro source " + getName() + (configuredPort == null
              ? " needs port, the TCP port to listen on"
              : ": port " + configuredPort + " is not a TCP port"),
          "Set port to a free port from 1024 to 65535, e.g. 4141");
    }
    port = configuredPort;
    threads = context.getInteger(CONFIG_THREADS, DEFAULT_THREADS);
    if (threads < 1) {
      throw new ConfigurationException(CONFIG_THREADS,
          "Avro source " + getName() + ": threads must be 1 or more, not " + threads,
          "Remove threads to use " + DEFAULT_THREADS + ", or set 1 or more");
    }
    compression = Compression.parse("Avro source " + getName(),
        context.getString(CONFIG_COMPRESSION_TYPE, "none"));
    if (context.getBoolean(CONFIG_SSL, false)) {
      throw new ConfigurationException(CONFIG_SSL,
          "Avro source " + getName() + ": ssl = true is not supported by FlumeLab yet",
          "Remove ssl (or set ssl = false) and keep the port on a trusted network");
    }
    ipFilterRules = null;
    if (context.getBoolean(CONFIG_IP_FILTER, false)) {
      String rules = context.getString(CONFIG_IP_FILTER_RULES);
      if (rules == null || rules.isBlank()) {
        throw new ConfigurationException(CONFIG_IP_FILTER_RULES,
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
    LOG.info("Avro source {}: {} uses Flume's protocol with another hash; accepted",
        getName(), peer);
    knownClientHashes.add(hash);
    return true;
  }

  @Override
  public synchronized void start() {
    requireStartable(server.isListening(), bind != null);
    ListenAddress where = ListenAddress.resolve(describe(), getName(), bind, port)
        .withoutNotLocalEcho()
        .describingOtherCauses(c -> String.valueOf(c.getMessage()));
    SourceCounter sourceCounter = getCounter();
    server.listenTcp(where, "avro-" + getName(), threads, true, ch -> {
      ChannelPipeline pipeline = ch.pipeline();
      if (ipFilterRules != null) {
        pipeline.addLast(ipFilter());
      }
      compression.addTo(pipeline);
      pipeline.addLast(new FrameCodec());
      pipeline.addLast(new AvroConnectionHandler(this, sourceCounter));
    });
    super.start();
    InetSocketAddress local = getLocalAddress();
    LOG.info("Avro source {} listening on /{}:{}{}", getName(),
        local.getAddress().getHostAddress(), local.getPort(),
        compression == Compression.DEFLATE ? " (deflate)" : "");
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
