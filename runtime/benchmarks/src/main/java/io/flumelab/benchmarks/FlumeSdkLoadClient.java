package io.flumelab.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flume.Event;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;

/**
 * The load of {@link Throughput}'s avro path, in a JVM of its own on Apache Flume's classpath:
 * Flume's SDK client sends batches of 100 events of 100 bytes from {@code clients} threads, each
 * with its own connection. It sends the warm-up, prints {@code WARM}, waits for {@code GO} on
 * standard input, sends the measured events, and stays until the harness ends it.
 *
 * <p>Arguments: host port warmup events clients.
 */
public final class FlumeSdkLoadClient {

  private FlumeSdkLoadClient() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int events = Integer.parseInt(args[3]);
    int clients = Integer.parseInt(args[4]);
    List<RpcClient> connections = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      connections.add(RpcClientFactory.getDefaultInstance(host, port, 100));
    }
    List<Event> batch = new ArrayList<>();
    byte[] body = new byte[100];
    java.util.Arrays.fill(body, (byte) 'x');
    for (int i = 0; i < 100; i++) {
      batch.add(EventBuilder.withBody(body, new HashMap<>()));
    }
    send(connections, batch, warmup);
    System.out.println("WARM");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"GO".equals(in.readLine())) {
      return;
    }
    send(connections, batch, events);
    connections.forEach(RpcClient::close);
    // stay alive until the harness has read this JVM's CPU time; it ends us
    in.readLine();
  }

  private static void send(List<RpcClient> connections, List<Event> batch, int events)
      throws Exception {
    int batches = events / batch.size();
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < connections.size(); t++) {
      RpcClient client = connections.get(t);
      int mine = batches / connections.size() + (t < batches % connections.size() ? 1 : 0);
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < mine; i++) {
            client.appendBatch(batch);
          }
        } catch (Exception e) {
          failure.set(e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
