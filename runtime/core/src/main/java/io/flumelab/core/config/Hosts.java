package io.flumelab.core.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a host name in a configuration means on this machine: the wildcard, a loopback address,
 * another address of this machine, or somewhere else. Names are resolved only when asked, at most
 * once each, since a lookup may wait on DNS.
 */
final class Hosts {

  private static final Map<String, Optional<InetAddress>> RESOLVED = new ConcurrentHashMap<>();

  private Hosts() {}

  /** 0.0.0.0, :: or empty: a listener on every interface. */
  static boolean isWildcard(String host) {
    String h = host.strip();
    return h.isEmpty() || h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]")
        || h.equals("0:0:0:0:0:0:0:0");
  }

  /** localhost, 127.x or ::1, told without a lookup. */
  static boolean isLoopbackName(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.")
        || h.equals("::1") || h.equals("[::1]");
  }

  /** The address a name stands for, or empty if it does not resolve. */
  static Optional<InetAddress> resolve(String host) {
    String h = host.strip();
    return RESOLVED.computeIfAbsent(h.toLowerCase(Locale.ROOT), key -> {
      try {
        return Optional.of(InetAddress.getByName(h));
      } catch (UnknownHostException | SecurityException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * Whether connecting to {@code host} reaches this machine: the wildcard (which Linux connects
   * to the loopback), a loopback name, this machine's own name, or one of its addresses.
   */
  static boolean isThisMachine(String host) {
    if (isWildcard(host) || isLoopbackName(host) || isOwnName(host)) {
      return true;
    }
    return resolve(host).map(Hosts::isLocal).orElse(false);
  }

  /** Whether a listener can bind to this address: the wildcard, a loopback or an interface's. */
  static boolean isLocal(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return true; // cannot tell: let the bind itself decide
    }
  }

  /** This machine's addresses, loopback first, for a fix that says which to use. */
  static List<String> localAddresses() {
    List<String> addresses = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address.getAddress().length == 4) { // IPv4 keeps the fix short
            addresses.add(address.getHostAddress());
          }
        }
      }
    } catch (SocketException e) {
      return List.of();
    }
    addresses.sort((a, b) -> Boolean.compare(!a.startsWith("127."), !b.startsWith("127.")));
    return addresses;
  }

  private static boolean isOwnName(String host) {
    return OwnName.NAME.map(host.strip()::equalsIgnoreCase).orElse(false);
  }

  /** This machine's name, looked up once and only if a check needs it. */
  private static final class OwnName {
    static final Optional<String> NAME = lookUp();

    private static Optional<String> lookUp() {
      try {
        return Optional.of(InetAddress.getLocalHost().getHostName());
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
  }
}
