package io.flumelab.cluster.containers;

import com.github.dockerjava.api.DockerClient;
import io.flumelab.cluster.Backend;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.ServiceKind;
import io.flumelab.cluster.kafka.AbstractKafkaService;
import io.flumelab.cluster.kafka.KafkaSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka KRaft nodes in Docker containers, of the same version as the Kafka clients FlumeLab uses,
 * one per course host. The containers share a network in which each is known by its host's name,
 * and each publishes its client port on that host's address: {@code hadoop103:9092} then means the
 * same broker to the other brokers and to this machine.
 */
public final class ContainerKafka extends AbstractKafkaService {

  static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion());
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Map<LabHost, GenericContainer<?>> nodes = new LinkedHashMap<>();
  private Network network;
  private Status status = Status.STOPPED;

  /** @param brokerCount 1 (hadoop102) or 3 (hadoop102, hadoop103, hadoop105) */
  public ContainerKafka(int brokerCount) {
    this(brokerCount, true);
  }

  /**
   * @param brokerCount 1 (hadoop102) or 3 (hadoop102, hadoop103, hadoop105)
   * @param autoCreateTopics {@code auto.create.topics.enable} of every node
   */
  public ContainerKafka(int brokerCount, boolean autoCreateTopics) {
    super(brokerCount, autoCreateTopics);
  }

  @Override
  public Backend backend() {
    return Backend.CONTAINERS;
  }

  @Override
  public String engine() {
    return "Docker image " + IMAGE + ", " + nodes()
        + " (broker+controller)" + topicCreation();
  }

  @Override
  public synchronized void start() {
    if (status == Status.RUNNING) {
      return;
    }
    for (LabHost host : brokerHosts()) {
      PortCheck.requireFree(host, port, PORT_KEY);
    }
    try {
      network = Network.newNetwork();
      String clusterId = Uuid.randomUuid().toString();
      for (int i = 0; i < brokerCount; i++) {
        LabHost host = brokerHosts().get(i);
        GenericContainer<?> node = HostPorts.on(host).tcp(port).applyTo(new GenericContainer<>(IMAGE)
            .withNetwork(network)
            .withNetworkAliases(host.name())
            .withEnv(environment(i + 1, host, clusterId)));
        nodes.put(host, node);
        node.start(); // returns once the container runs; the quorum forms when all have started
      }
      KafkaSettings.awaitBrokersRegistered(this, START_TIMEOUT);
      status = Status.RUNNING;
    } catch (RuntimeException e) {
      status = Status.FAILED;
      stopQuietly();
      if (e instanceof ServiceException serviceException) {
        throw serviceException;
      }
      throw new ServiceException("Kafka (" + IMAGE + ") could not start: " + e.getMessage(),
          "see the containers' log above, or unset " + ServiceKind.KAFKA.backendKey()
          + " to run it embedded", e);
    }
  }

  /** The image turns KAFKA_SOME_KEY into some.key in the broker's configuration. */
  Map<String, String> environment(int nodeId, LabHost host, String clusterId) {
    Properties p = KafkaSettings.shared(brokerCount, autoCreateTopics);
    p.setProperty("node.id", String.valueOf(nodeId));
    p.setProperty("controller.quorum.voters", voters(LabHost::name));
    p.setProperty("listeners", "PLAINTEXT://:" + port + ",CONTROLLER://:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host.name() + ":" + port);
    Map<String, String> env = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      env.put("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), p.getProperty(key));
    }
    env.put("CLUSTER_ID", clusterId);
    env.put("KAFKA_HEAP_OPTS", "-Xmx256m -Xms64m");
    return env;
  }

  /** Stops that broker's container (Kafka shuts down cleanly); its data stays for a restart. */
  @Override
  public synchronized void stopBroker(LabHost host) {
    docker().stopContainerCmd(node(host).getContainerId()).withTimeout(30).exec();
  }

  @Override
  public synchronized void startBroker(LabHost host) {
    GenericContainer<?> node = node(host);
    if (!node.isRunning()) {
      docker().startContainerCmd(node.getContainerId()).exec();
    }
  }

  private GenericContainer<?> node(LabHost host) {
    GenericContainer<?> node = nodes.get(host);
    if (node == null) {
      throw new IllegalArgumentException("No Kafka broker on " + host.name() + "; brokers run on "
          + brokerHosts());
    }
    return node;
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  @Override
  public synchronized void stop() {
    stopQuietly();
    if (status != Status.FAILED) {
      status = Status.STOPPED;
    }
  }

  private void stopQuietly() {
    nodes.values().forEach(GenericContainer::stop);
    nodes.clear();
    if (network != null) {
      network.close();
      network = null;
    }
  }

  @Override
  public synchronized Status status() {
    return status;
  }
}
