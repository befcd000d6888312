package io.flumelab.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds a taken port before a service tries it, so the user reads which and what to do. */
public final class PortCheck {

  private PortCheck() {}

  /**
   * Fails unless a server could listen on the port at the host's address now.
   *
   * @param key the setting that chooses another port
   */
  public static void requireFree(LabHost host, int port, String key) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host.inetAddress(), port), 1);
    } catch (IOException e) {
      throw failure(host, port, key, e);
    }
  }

  /** The same for a UDP port (gmond receives metrics on one). */
  public static void requireFreeUdp(LabHost host, int port, String key) {
    try (DatagramSocket socket = new DatagramSocket(null)) {
      socket.bind(new InetSocketAddress(host.inetAddress(), port));
    } catch (IOException e) {
      throw failure(host, port, key, e);
    }
  }

  private static ServiceException failure(LabHost host, int port, String key, IOException e) {
    if (String.valueOf(e.getMessage()).contains("assign requested address")) {
      return new ServiceException("this machine has no address " + host.address() + " for "
          + host.name(), "add it to the loopback interface (on macOS: sudo ifconfig lo0 alias "
          + host.address() + ")", e);
    }
    return new ServiceException("port " + port + " on " + host.describe()
        + " is in use by another program", "stop it or set " + key, e);
  }
}
