package io.flumelab.cluster.cli;

import io.flumelab.cluster.LabHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether something accepts TCP connections at "hadoop102:9092", with no name service asked. */
final class Probe {

  private static final int TIMEOUT_MILLIS = 1000;

  private Probe() {}

  static boolean answers(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    LabHost host = LabHost.named(hostPort.substring(0, colon));
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host.inetAddress(), port), TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
