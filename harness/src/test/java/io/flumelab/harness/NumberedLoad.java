package io.flumelab.harness;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Numbered lines sent to a netcat source over a few connections at once, as fast as the source
 * answers, each connection with at most {@link #WINDOW} lines unanswered. Every number is sent once
 * and never again, whatever becomes of it; the {@link Ledger} records which numbers were handed to
 * a socket and which the source acknowledged with {@code OK} (committed to its channel). Replies
 * come in the order of the lines, so the n-th reply on a connection answers its n-th line.
 *
 * <p>When the agent is killed, its connections end; the load ends with them. {@link #finish()}
 * ends it gracefully instead: no new line, every reply awaited.
 */
final class NumberedLoad {

  /** Lines in flight per connection. */
  static final int WINDOW = 256;
  /** Lines written per burst, at most. */
  private static final int BURST = 64;
  /** Every line is exactly this many digits: a line of another shape is damage. */
  static final int DIGITS = 9;

  /** What was sent and what was acknowledged, across every connection and every agent run. */
  static final class Ledger {
    private final BitSet sent = new BitSet();
    private final BitSet acked = new BitSet();
    private int next;
    private long failed;

    /** Numbers for a burst, marked as sent before they are written: part of a write may arrive. */
    synchronized int take(int count) {
      int first = next;
      next += count;
      sent.set(first, next);
      return first;
    }

    synchronized void ack(int number) {
      acked.set(number);
    }

    synchronized void failed() {
      failed++;
    }

    synchronized boolean wasSent(long number) {
      return number >= 0 && number < next && sent.get((int) number);
    }

    synchronized int sentCount() {
      return sent.cardinality();
    }

    synchronized int ackedCount() {
      return acked.cardinality();
    }

    synchronized long failedCount() {
      return failed;
    }

    synchronized BitSet acked() {
      return (BitSet) acked.clone();
    }

    synchronized BitSet sent() {
      return (BitSet) sent.clone();
    }
  }

  private final List<Connection> connections = new ArrayList<>();

  private NumberedLoad() {}

  /** Connects and starts sending; returns at once. */
  static NumberedLoad start(String host, int port, int connectionCount, Ledger ledger) {
    NumberedLoad load = new NumberedLoad();
    for (int i = 0; i < connectionCount; i++) {
      load.connections.add(new Connection(host, port, ledger, i));
    }
    return load;
  }

  /** Lines acknowledged by this load's connections so far. */
  long acknowledged() {
    return connections.stream().mapToLong(c -> c.acknowledged).sum();
  }

  /**
   * Waits until every connection has ended, which they do once the agent is gone (a kill); lines
   * without a reply stay unacknowledged.
   */
  void awaitEnd(Duration timeout) {
    for (Connection connection : connections) {
      connection.awaitEnd(timeout);
    }
  }

  /** Stops sending, waits for the reply to every line sent, and closes the connections. */
  void finish(Duration timeout) {
    connections.forEach(c -> c.sending = false);
    await().atMost(timeout).pollInterval(Duration.ofMillis(20))
        .until(() -> connections.stream().allMatch(c -> c.inFlight.isEmpty() || c.ended));
    connections.forEach(Connection::close);
    awaitEnd(timeout);
  }

  private static final class Connection {
    private final Socket socket = new Socket();
    private final Ledger ledger;
    private final ConcurrentLinkedQueue<Integer> inFlight = new ConcurrentLinkedQueue<>();
    private final Semaphore window = new Semaphore(WINDOW);
    private final Thread writer;
    private final Thread reader;
    volatile boolean sending = true;
    volatile boolean ended;
    volatile long acknowledged;

    Connection(String host, int port, Ledger ledger, int index) {
      this.ledger = ledger;
      try {
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setTcpNoDelay(true);
      } catch (IOException e) {
        throw new AssertionError("Cannot connect to the netcat source on " + host + ":" + port, e);
      }
      writer = new Thread(this::write, "load-writer-" + index);
      reader = new Thread(this::read, "load-reader-" + index);
      writer.setDaemon(true);
      reader.setDaemon(true);
      reader.start();
      writer.start();
    }

    private void write() {
      byte[] buffer = new byte[BURST * (DIGITS + 1)];
      try {
        OutputStream out = socket.getOutputStream();
        while (sending && !ended) {
          if (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
            continue;
          }
          int count = 1 + Math.min(BURST - 1, window.availablePermits());
          if (count > 1 && !window.tryAcquire(count - 1)) {
            count = 1;
          }
          int first = ledger.take(count);
          int length = 0;
          for (int i = 0; i < count; i++) {
            inFlight.add(first + i);
            length = format(first + i, buffer, length);
          }
          out.write(buffer, 0, length);
        }
      } catch (IOException e) {
        ended = true; // the agent is gone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
        String reply;
        while ((reply = in.readLine()) != null) {
          Integer number = inFlight.poll();
          if (number == null) {
            throw new IllegalStateException("a reply without a line: " + reply);
          }
          if (reply.equals("OK")) {
            ledger.ack(number);
            acknowledged++;
          } else {
            ledger.failed();
          }
          window.release();
        }
      } catch (IOException e) {
        // the agent is gone, or finish() closed the socket
      } finally {
        ended = true;
      }
    }

    void awaitEnd(Duration timeout) {
      try {
        reader.join(timeout.toMillis());
        writer.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (reader.isAlive() || writer.isAlive()) {
        close();
        throw new AssertionError("The load's connection did not end within " + timeout);
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing; nothing to do
      }
    }

    private static int format(int number, byte[] buffer, int at) {
      for (int i = DIGITS - 1; i >= 0; i--) {
        buffer[at + i] = (byte) ('0' + number % 10);
        number /= 10;
      }
      buffer[at + DIGITS] = '\n';
      return at + DIGITS + 1;
    }
  }
}
