package io.flumelab.core.source.netcatudp;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
import io.flumelab.core.spi.ListenAddress;
import io.flumelab.core.spi.NettyServer;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.spi.ThrottledLog;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a UDP port and turns the lines of each datagram into events, like
 * {@code nc -u -k -l host port} feeding Flume. Port 0 picks a free one (see
 * {@link #getLocalAddress()}). Flume 1.11's code reads the key {@code remoteAddress} instead of the
 * documented {@code remoteAddressHeader}; both are accepted.
 *
 * <p>Framing (details in {@link NetcatUdpHandler}): a datagram is split on {@code \n}; each line is
 * an event, and so is a last piece without a newline. {@code echo hi | nc -u} gives one event
 * {@code hi}, as in Flume. Flume keeps only the first line of a datagram and drops the rest;
 * FlumeLab keeps every line. Bodies are the bytes as received: there is no decoding that garbage
 * could fail. UDP has no way to push back, so a datagram the channels refuse is dropped, counted
 * as {@code ChannelWriteFail} and logged (at most every 10 s), and never stops the source.
 */
public class NetcatUdpSource extends CountedSource implements EventDrivenSource, Configurable {

  static final Setting<String> BIND = ListenAddress.BIND;
  static final Setting<Integer> PORT = ListenAddress.port(6666);
  static final Setting<String> REMOTE_ADDRESS_HEADER = Setting.string("remoteAddressHeader")
      .alias("remoteAddress")
      .doc("a header to put the sender's address in, as /127.0.0.1:51234; none when unset");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(SOURCE, "netcatudp", NetcatUdpSource.class)
          .flumeClass("org.apache.flume.source.NetcatUdpSource")
          .settings(BIND, PORT, REMOTE_ADDRESS_HEADER)
          .build();

  /** Enough for any UDP datagram (65,507 bytes of payload over IPv4). */
  static final int MAX_DATAGRAM = 65_536;

  private static final Logger LOG = LoggerFactory.getLogger(NetcatUdpSource.class);

  private String bind;
  private int port;
  private String remoteAddressHeader;
  private final NettyServer server = new NettyServer();
  private final ThrottledLog refusedLog = new ThrottledLog(LOG);
  private final ThrottledLog errorLog = new ThrottledLog(LOG);

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    bind = settings.get(BIND);
    port = settings.get(PORT);
    String header = settings.get(REMOTE_ADDRESS_HEADER);
    remoteAddressHeader = header == null || header.isEmpty() ? null : header;
  }

  /** Warnings about datagrams the channels refused: at most one per 10 s. */
  ThrottledLog refusedLog() {
    return refusedLog;
  }

  /** Warnings about receive errors: at most one per 10 s. */
  ThrottledLog errorLog() {
    return errorLog;
  }

  @Override
  protected String describe() {
    return "Netcat UDP source " + getName();
  }

  /** The address the source listens on while started (with the actual port if port was 0). */
  public InetSocketAddress getLocalAddress() {
    return server.localAddress();
  }

  @Override
  public synchronized void start() {
    requireStartable(server.isListening(), bind != null);
    ListenAddress where = ListenAddress.resolve(describe(), getName(), bind, port).overUdp()
        .describingOtherCauses(c -> c.getClass().getSimpleName() + ": " + c.getMessage());
    SourceCounter sourceCounter = getCounter();
    server.listenUdp(where, "netcatudp-" + getName(), bootstrap -> bootstrap
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
        .handler(new NetcatUdpHandler(this, sourceCounter, remoteAddressHeader)));
    super.start();
    InetSocketAddress local = getLocalAddress();
    LOG.info("Netcat UDP source {} listening on /{}:{} (udp)", getName(),
        local.getAddress().getHostAddress(), local.getPort());
  }

  @Override
  public synchronized void stop() {
    boolean wasListening = server.close();
    super.stop();
    if (wasListening) {
      LOG.info("Netcat UDP source {} stopped listening on {}:{}; {}", getName(), bind, port,
          getCounter());
    }
  }
}
