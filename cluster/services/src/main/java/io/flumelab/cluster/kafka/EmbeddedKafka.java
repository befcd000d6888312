package io.flumelab.cluster.kafka;

import io.flumelab.cluster.Backend;
import io.flumelab.cluster.Endpoint;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.WorkDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Kafka 4.3 KRaft nodes in this JVM, started in parallel since each waits for a quorum. */
public final class EmbeddedKafka implements KafkaService {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final int brokerCount;
  private final int port = Settings.port(PORT_KEY, DEFAULT_PORT);
  private final int controllerPort = Settings.port(CONTROLLER_PORT_KEY, DEFAULT_CONTROLLER_PORT);
  private final List<KafkaNode> nodes = new ArrayList<>();
  private Path dir;
  private Status status = Status.STOPPED;

  /** @param brokerCount 1 (hadoop102) or 3 (hadoop102, hadoop103, hadoop105) */
  public EmbeddedKafka(int brokerCount) {
    if (brokerCount != 1 && brokerCount != 3) {
      throw new IllegalArgumentException("Kafka runs 1 or 3 brokers, not " + brokerCount);
    }
    this.brokerCount = brokerCount;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public Backend backend() {
    return Backend.EMBEDDED;
  }

  @Override
  public String engine() {
    return "Kafka 4.3.1 KRaft, " + brokerCount + (brokerCount == 1 ? " node" : " nodes")
        + " (broker+controller) in this JVM";
  }

  @Override
  public List<LabHost> brokerHosts() {
    return LabHost.COURSE.subList(0, brokerCount);
  }

  @Override
  public String bootstrapServers() {
    return brokerHosts().stream().map(host -> host.name() + ":" + port).collect(Collectors.joining(","));
  }

  @Override
  public synchronized void start() {
    if (status == Status.RUNNING) {
      return;
    }
    for (LabHost host : brokerHosts()) {
      PortCheck.requireFree(host, port, PORT_KEY);
      PortCheck.requireFree(host, controllerPort, CONTROLLER_PORT_KEY);
    }
    // a broker that hits a fatal error calls Exit: that must not end the tests or flumelab up
    Exit.setExitProcedure((code, message) -> {
      throw new IllegalStateException("Kafka asked to exit with " + code + ": " + message);
    });
    Exit.setHaltProcedure((code, message) -> {
      throw new IllegalStateException("Kafka asked to halt with " + code + ": " + message);
    });
    try {
      dir = WorkDirs.create("kafka");
      String clusterId = Uuid.randomUuid().toString();
      for (int i = 0; i < brokerCount; i++) {
        KafkaNode node = new KafkaNode(i + 1, brokerHosts().get(i), properties(i + 1, brokerHosts().get(i)));
        node.format(clusterId, dir.resolve("node-" + (i + 1) + ".properties"));
        nodes.add(node);
      }
      inParallel(nodes, START_TIMEOUT, "start", KafkaNode::startup);
      awaitBrokersRegistered();
      status = Status.RUNNING;
    } catch (Exception e) {
      status = Status.FAILED;
      stopNodes();
      if (e instanceof ServiceException serviceException) {
        throw serviceException;
      }
      throw new ServiceException("Kafka could not start on " + bootstrapServers() + ": " + e,
          "see the cause below; ports are set with " + PORT_KEY + " and " + CONTROLLER_PORT_KEY, e);
    }
  }

  private Properties properties(int nodeId, LabHost host) throws Exception {
    Properties p = new Properties();
    String address = host.address();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", String.valueOf(nodeId));
    p.setProperty("controller.quorum.voters", voters());
    p.setProperty("listeners", "PLAINTEXT://" + address + ":" + port + ",CONTROLLER://" + address + ":"
        + controllerPort);
    // clients and the other brokers reach it by the course's name, as in the notes
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host.name() + ":" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", Files.createDirectories(dir.resolve("node-" + nodeId)).toString());
    String replication = String.valueOf(Math.min(3, brokerCount));
    p.setProperty("offsets.topic.replication.factor", replication);
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.replication.factor", replication);
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", replication);
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // small footprint: two cores and a few hundred MB for everything
    p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    p.setProperty("log.cleaner.threads", "1");
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("background.threads", "2");
    p.setProperty("num.recovery.threads.per.data.dir", "1");
    p.setProperty("num.replica.fetchers", "1");
    p.setProperty("socket.request.max.bytes", String.valueOf(100 * 1024 * 1024));
    return p;
  }

  private String voters() {
    List<String> voters = new ArrayList<>();
    for (int i = 0; i < brokerCount; i++) {
      voters.add((i + 1) + "@" + brokerHosts().get(i).address() + ":" + controllerPort);
    }
    return String.join(",", voters);
  }

  private void awaitBrokersRegistered() {
    try (Admin admin = newAdmin()) {
      Awaitility.await().atMost(START_TIMEOUT).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == brokerCount);
    } catch (ConditionTimeoutException e) {
      throw new ServiceException("Kafka brokers did not all register within "
          + START_TIMEOUT.toSeconds() + " s", "look for errors in the log above", e);
    }
  }

  @Override
  public synchronized void stopBroker(LabHost host) {
    node(host).shutdown();
  }

  @Override
  public synchronized void startBroker(LabHost host) {
    KafkaNode node = node(host);
    if (!node.isRunning()) {
      PortCheck.requireFree(host, port, PORT_KEY);
      node.startup();
    }
  }

  private KafkaNode node(LabHost host) {
    return nodes.stream().filter(n -> n.host().equals(host)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No Kafka broker on " + host.name()
            + "; brokers run on " + brokerHosts()));
  }

  @Override
  public synchronized void stop() {
    stopNodes();
    if (status != Status.FAILED) {
      status = Status.STOPPED;
    }
  }

  private void stopNodes() {
    try {
      // together: a node stopping alone would wait for a quorum the others already left
      inParallel(nodes, STOP_TIMEOUT, "stop", KafkaNode::shutdown);
    } catch (Exception e) {
      System.err.println("[kafka] " + e.getMessage());
    }
    nodes.clear();
    if (dir != null) {
      WorkDirs.delete(dir);
      dir = null;
    }
  }

  private static void inParallel(List<KafkaNode> nodes, Duration timeout, String what,
      java.util.function.Consumer<KafkaNode> action) throws Exception {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (KafkaNode node : nodes) {
      futures.add(CompletableFuture.runAsync(() -> action.accept(node), runnable -> {
        Thread thread = new Thread(runnable, "kafka-node-" + node.nodeId() + "-" + what);
        thread.setDaemon(true);
        thread.start();
      }));
    }
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ServiceException("Kafka nodes did not " + what + " within " + timeout.toSeconds()
          + " s", "look for errors in the log above", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public synchronized Status status() {
    return status;
  }

  @Override
  public List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (LabHost host : brokerHosts()) {
      endpoints.add(new Endpoint("Kafka broker", host, port, host.name() + ":" + port));
    }
    return endpoints;
  }
}
