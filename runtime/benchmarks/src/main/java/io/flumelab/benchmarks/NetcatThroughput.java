package io.flumelab.benchmarks;

import io.flumelab.core.agent.Agent;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.spi.ComponentCounter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * netcat → memory → null: how many short lines per second one client pushes through an agent.
 * Runs the agent in this JVM and the client on a thread of its own over real TCP; done when the
 * channel's take counter has grown by the number of lines sent. Run on an idle machine:
 *
 * <pre>
 * ./mvnw -q -pl runtime/benchmarks package -DskipTests
 * java -Xmx1g -XX:+UseG1GC -cp "runtime/benchmarks/target/classes:runtime/launcher/target/lib/*:runtime/launcher/target/classes" \
 *     io.flumelab.benchmarks.NetcatThroughput [lines=1000000] [warmup=300000] [runs=3] [acks=false]
 * </pre>
 *
 * <p>With acks=true the source replies OK to every line, as in the labs, and a second client
 * thread reads the replies.
 */
public final class NetcatThroughput {

  private NetcatThroughput() {}

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    boolean acks = args.length > 3 && Boolean.parseBoolean(args[3]);
    int port = freePort();
    String config = String.join("\n",
        "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
        "a1.sources.r1.type = netcat", "a1.sources.r1.bind = 127.0.0.1",
        "a1.sources.r1.port = " + port, "a1.sources.r1.ack-every-event = " + acks,
        "a1.sources.r1.channels = c1",
        "a1.channels.c1.type = memory", "a1.channels.c1.capacity = 100000",
        "a1.channels.c1.transactionCapacity = 1000",
        "a1.sinks.k1.type = null", "a1.sinks.k1.batchSize = 1000", "a1.sinks.k1.channel = c1");
    Agent agent = Agent.of(AgentConfigurations.load("netcat-throughput.conf", config, "a1",
        AgentConfigurations.Options.defaults()));
    agent.start();
    ComponentCounter channel = agent.counters().stream()
        .filter(counter -> counter.getType().equals("CHANNEL")).findFirst().orElseThrow();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSendBufferSize(1 << 20);
      OutputStream out = socket.getOutputStream();
      Thread replies = new Thread(() -> drain(socket), "ack-reader");
      replies.setDaemon(true);
      replies.start();
      System.out.printf("acks: %s%n", acks);
      System.out.printf("warm-up: %,d lines%n", warmup);
      send(out, channel, warmup);
      for (int run = 1; run <= runs; run++) {
        long nanos = send(out, channel, lines);
        System.out.printf(Locale.ROOT, "run %d: %,d lines in %.3f s = %,.0f lines/s%n", run, lines,
            nanos / 1e9, lines * 1e9 / nanos);
      }
    } finally {
      agent.stop(0);
    }
  }

  /** Sends the lines and waits until the channel's sink has taken them all; returns the nanoseconds. */
  private static long send(OutputStream out, ComponentCounter channel, int lines) throws IOException {
    long target = channel.get("EventTakeSuccessCount") + lines;
    byte[] chunk = chunk();
    int perChunk = 1024;
    long start = System.nanoTime();
    for (int sent = 0; sent < lines; sent += perChunk) {
      int count = Math.min(perChunk, lines - sent);
      out.write(chunk, 0, count * LINE_LENGTH);
    }
    out.flush();
    while (channel.get("EventTakeSuccessCount") < target) {
      LockSupport.parkNanos(100_000);
    }
    return System.nanoTime() - start;
  }

  private static final int LINE_LENGTH = 24;

  private static void drain(Socket socket) {
    byte[] buffer = new byte[1 << 16];
    try {
      while (socket.getInputStream().read(buffer) >= 0) {
        // replies are only counted by the agent; the client just keeps the socket flowing
      }
    } catch (IOException e) {
      // the benchmark closed the socket
    }
  }

  /** 1024 lines of 23 characters and a newline: short log lines. */
  private static byte[] chunk() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1024; i++) {
      text.append(String.format(Locale.ROOT, "INFO event number %05d%n", i));
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    if (bytes.length != 1024 * LINE_LENGTH) {
      throw new IllegalStateException("line length " + bytes.length / 1024.0);
    }
    return bytes;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
