package io.flumelab.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port checks for tests. */
public final class Ports {

  private Ports() {}

  /** True if a server could bind the port on the host's address right now. */
  public static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
