package io.flumelab.cluster.kafka;

import io.flumelab.cluster.Backend;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.ServiceException;
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
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;

/** Kafka 4.3 KRaft nodes in this JVM, started in parallel since each waits for a quorum. */
public final class EmbeddedKafka extends AbstractKafkaService {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final List<KafkaNode> nodes = new ArrayList<>();
  private Path dir;
  private Status status = Status.STOPPED;

  /** @param brokerCount 1 (hadoop102) or 3 (hadoop102, hadoop103, hadoop105) */
  public EmbeddedKafka(int brokerCount) {
    this(brokerCount, true);
  }

  /**
   * @param brokerCount 1 (hadoop102) or 3 (hadoop102, hadoop103, hadoop105)
   * @param autoCreateTopics {@code auto.create.topics.enable} of every node
   */
  public EmbeddedKafka(int brokerCount, boolean autoCreateTopics) {
    super(brokerCount, autoCreateTopics);
  }

  @Override
  public Backend backend() {
    return Backend.EMBEDDED;
  }

  @Override
  public String engine() {
    return "Kafka 4.3.1 KRaft, " + nodes() + " (broker+controller) in this JVM" + topicCreation();
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
      KafkaSettings.awaitBrokersRegistered(this, START_TIMEOUT);
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
    Properties p = KafkaSettings.shared(brokerCount, autoCreateTopics);
    String address = host.address();
    p.setProperty("node.id", String.valueOf(nodeId));
    p.setProperty("controller.quorum.voters", voters(LabHost::address));
    p.setProperty("listeners", "PLAINTEXT://" + address + ":" + port + ",CONTROLLER://" + address + ":"
        + controllerPort);
    // clients and the other brokers reach it by the course's name, as in the notes
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host.name() + ":" + port);
    p.setProperty("log.dirs", Files.createDirectories(dir.resolve("node-" + nodeId)).toString());
    return p;
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
}
