package io.flumelab.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The load of the netcat path, run in a JVM of its own: {@code connections} sockets, each writing
 * its share of 24-byte lines as fast as the source takes them and reading the source's {@code OK}
 * per line. It sends the warm-up and waits for every OK, prints {@code WARM}, waits for {@code GO}
 * on standard input, then sends the measured lines and exits once each is acknowledged.
 *
 * <p>Arguments: host port warmup events connections.
 */
public final class NetcatLoadClient {

  private static final byte[] LINE = "netcat 0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII);
  /** Lines written per write call: enough to fill a socket buffer, few enough to stay small. */
  private static final int LINES_PER_WRITE = 256;

  private NetcatLoadClient() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int events = Integer.parseInt(args[3]);
    int connections = Integer.parseInt(args[4]);
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Socket socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      sockets.add(socket);
    }
    send(sockets, warmup);
    System.out.println("WARM");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"GO".equals(in.readLine())) {
      return;
    }
    send(sockets, events);
    for (Socket socket : sockets) {
      socket.close();
    }
    // stay alive until the harness has read this JVM's CPU time; it ends us
    in.readLine();
  }

  /** Sends {@code lines} over the sockets and returns once every line was acknowledged. */
  private static void send(List<Socket> sockets, int lines) throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < sockets.size(); i++) {
      Socket socket = sockets.get(i);
      int mine = lines / sockets.size() + (i < lines % sockets.size() ? 1 : 0);
      threads.add(start(() -> write(socket.getOutputStream(), mine), failures));
      threads.add(start(() -> awaitAcks(socket.getInputStream(), mine), failures));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private interface Work {
    void run() throws IOException;
  }

  private static Thread start(Work work, List<Exception> failures) {
    Thread thread = new Thread(() -> {
      try {
        work.run();
      } catch (IOException e) {
        failures.add(e);
      }
    });
    thread.start();
    return thread;
  }

  private static void write(OutputStream out, int lines) throws IOException {
    byte[] chunk = new byte[LINE.length * LINES_PER_WRITE];
    for (int i = 0; i < LINES_PER_WRITE; i++) {
      System.arraycopy(LINE, 0, chunk, i * LINE.length, LINE.length);
    }
    int left = lines;
    while (left > 0) {
      int now = Math.min(left, LINES_PER_WRITE);
      out.write(chunk, 0, now * LINE.length);
      left -= now;
    }
    out.flush();
  }

  /** Reads replies until {@code lines} newlines (one {@code OK} each) have arrived. */
  private static void awaitAcks(InputStream in, int lines) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    int acks = 0;
    while (acks < lines) {
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("the source closed the connection after " + acks + " replies");
      }
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          acks++;
        }
      }
    }
  }
}
