package io.flumelab.cluster.kafka;

import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every Kafka backend has: 1 or 3 combined broker+controller nodes on the course's hosts,
 * with the client and controller ports of the settings.
 */
public abstract class AbstractKafkaService implements KafkaService {

  protected final int brokerCount;
  protected final boolean autoCreateTopics;
  protected final int port = Settings.port(PORT_KEY, DEFAULT_PORT);
  protected final int controllerPort = Settings.port(CONTROLLER_PORT_KEY, DEFAULT_CONTROLLER_PORT);

  /**
   * @param brokerCount 1 (hadoop102) or 3 (hadoop102, hadoop103, hadoop105)
   * @param autoCreateTopics {@code auto.create.topics.enable} of every broker
   */
  protected AbstractKafkaService(int brokerCount, boolean autoCreateTopics) {
    if (brokerCount != 1 && brokerCount != 3) {
      throw new IllegalArgumentException("Kafka runs 1 or 3 brokers, not " + brokerCount);
    }
    this.brokerCount = brokerCount;
    this.autoCreateTopics = autoCreateTopics;
  }

  @Override
  public int brokerCount() {
    return brokerCount;
  }

  @Override
  public boolean autoCreateTopics() {
    return autoCreateTopics;
  }

  @Override
  public int port() {
    return port;
  }

  /** "1 node" or "3 nodes", for {@link #engine()}. */
  protected String nodes() {
    return brokerCount + (brokerCount == 1 ? " node" : " nodes");
  }

  /** For {@link #engine()}: nothing for Kafka's default, else that topics are not auto-created. */
  protected String topicCreation() {
    return autoCreateTopics ? "" : ", auto.create.topics.enable=false";
  }

  /** The controller quorum, {@code 1@<host>:9093,...}, each host written as {@code address} gives it. */
  protected String voters(Function<LabHost, String> address) {
    List<String> voters = new ArrayList<>();
    for (int i = 0; i < brokerCount; i++) {
      voters.add((i + 1) + "@" + address.apply(brokerHosts().get(i)) + ":" + controllerPort);
    }
    return String.join(",", voters);
  }
}
