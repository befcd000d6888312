package io.flumelab.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A TCP client that behaves like {@code nc host port}: sends lines, reads reply lines. */
public final class LineClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final BufferedReader in;

  private LineClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  public static LineClient connect(String host, int port) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), 5000);
      socket.setTcpNoDelay(true);
      return new LineClient(socket);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException("Cannot connect to " + host + ":" + port
          + " (is the agent's source listening there?)", e);
    }
  }

  /** Sends the text followed by a newline. */
  public LineClient send(String line) {
    return sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Sends bytes as they are: half lines, garbage, anything. */
  public LineClient sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot send to " + socket.getRemoteSocketAddress(), e);
    }
  }

  /**
   * The next line the server sends, or null if none comes within the timeout or the server closed
   * the connection.
   */
  public String readLine(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      return in.readLine();
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
