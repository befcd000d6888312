package io.flumelab.core.spi;

import io.flumelab.api.FlumeException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where a source listens ({@code bind} and {@code port}): read from its keys, resolved, and what
 * to tell its user when it cannot listen there. Each message names the source, the address, the
 * cause and the key to change ({@code <agent>.sources.<name>.bind} or {@code .port}).
 */
public final class ListenAddress {

  private final String owner;
  private final String sourceName;
  private final String bind;
  private final int port;
  private final InetSocketAddress address;
  private final boolean udp;
  private final boolean echoNotLocal;
  private final Function<Throwable, String> otherCause;

  private ListenAddress(String owner, String sourceName, String bind, int port,
      InetSocketAddress address, boolean udp, boolean echoNotLocal,
      Function<Throwable, String> otherCause) {
    this.owner = owner;
    this.sourceName = sourceName;
    this.bind = bind;
    this.port = port;
    this.address = address;
    this.udp = udp;
    this.echoNotLocal = echoNotLocal;
    this.otherCause = otherCause;
  }

  /** The {@code bind} key of a listening source. */
  public static final Setting<String> BIND = Setting.host("bind").required("localhost")
      .doc("the address to listen on: localhost for this machine only, 0.0.0.0 for every interface");

  private static final String PORT_KEY = "port";

  /** The {@code port} key of a listening source; {@code example} is the port the fix suggests. */
  public static Setting<Integer> port(int example) {
    return Setting.port(PORT_KEY).required(String.valueOf(example))
        .doc("the port to listen on; 0 picks a free one");
  }

  /**
   * Resolves {@code bind}; throws a FlumeException for the user if the host name is unknown.
   *
   * @param owner how messages name the source, e.g. "Netcat source r1"
   * @param sourceName the source's name in the configuration, e.g. "r1"
   */
  public static ListenAddress resolve(String owner, String sourceName, String bind, int port) {
    InetSocketAddress address = new InetSocketAddress(bind, port);
    if (address.isUnresolved()) {
      throw new FlumeException(owner + " cannot listen on " + bind + ":" + port + ": the host "
          + "name " + bind + " is unknown. Use an address of this machine, localhost or 0.0.0.0 "
          + "(" + AgentKeys.PREFIX + "sources." + sourceName + ".bind)");
    }
    return new ListenAddress(owner, sourceName, bind, port, address, false, true,
        ListenAddress::classAndMessage);
  }

  /** This address for a UDP socket: bind failures say so. */
  public ListenAddress overUdp() {
    return new ListenAddress(owner, sourceName, bind, port, address, true, echoNotLocal,
        otherCause);
  }

  /** Describes bind failures other than the usual ones with {@code describe}. */
  public ListenAddress describingOtherCauses(Function<Throwable, String> describe) {
    return new ListenAddress(owner, sourceName, bind, port, address, udp, echoNotLocal, describe);
  }

  /** Leaves the system's "Cannot assign requested address." out of that failure's message. */
  public ListenAddress withoutNotLocalEcho() {
    return new ListenAddress(owner, sourceName, bind, port, address, udp, false, otherCause);
  }

  public InetSocketAddress address() {
    return address;
  }

  /** How messages name the source, e.g. "Netcat source r1". */
  public String owner() {
    return owner;
  }

  /** The message for a failed bind: the usual causes with their fix, others as described. */
  public String bindFailure(Throwable cause) {
    String where = owner + " cannot listen on " + bind + ":" + port + (udp ? " (udp)" : "") + ": ";
    String reason = cause == null ? "unknown error" : String.valueOf(cause.getMessage());
    String lower = reason.toLowerCase(Locale.ROOT);
    if (lower.contains("already in use")) {
      return where + "Address already in use. Another agent or program uses "
          + (udp ? "this UDP port" : "the port") + "; stop it or choose another port "
          + key(PORT_KEY);
    }
    if (lower.contains("cannot assign requested address")) {
      return where + (echoNotLocal ? "Cannot assign requested address. " : "") + bind
          + " is not an address of this machine; use one of its addresses, localhost or 0.0.0.0 "
          + key(BIND.key());
    }
    if (lower.contains("permission denied") || lower.contains("access denied")) {
      return where + "Permission denied. Ports below 1024 need administrator rights; choose a "
          + "port from 1024 up " + key(PORT_KEY);
    }
    return where + (cause == null ? reason : otherCause.apply(cause));
  }

  private String key(String key) {
    return "(" + AgentKeys.PREFIX + "sources." + sourceName + "." + key + ")";
  }

  /** The message alone for a BindException, else the exception's simple class name too. */
  private static String classAndMessage(Throwable cause) {
    String reason = String.valueOf(cause.getMessage());
    return cause instanceof BindException ? reason
        : cause.getClass().getSimpleName() + ": " + reason;
  }
}
