package io.flumelab.cluster.kafka;

import io.flumelab.cluster.Endpoint;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.Service;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Kafka in KRaft mode (no ZooKeeper), one broker on hadoop102 or three on hadoop102, hadoop103 and
 * hadoop105, each on port 9092 and each also a controller (on 9093).
 */
public interface KafkaService extends Service {

  String PORT_KEY = "flumelab.kafka.port";
  String CONTROLLER_PORT_KEY = "flumelab.kafka.controller.port";
  int DEFAULT_PORT = 9092;
  int DEFAULT_CONTROLLER_PORT = 9093;

  @Override
  default String name() {
    return "kafka";
  }

  /** 1 (hadoop102) or 3 (hadoop102, hadoop103, hadoop105). */
  int brokerCount();

  /**
   * Whether the brokers create a topic on a client's first request for it
   * ({@code auto.create.topics.enable}); fixed when they start.
   */
  boolean autoCreateTopics();

  /** The brokers' client port, the same on every host. */
  int port();

  /** {@code hadoop102:9092,hadoop103:9092,hadoop105:9092} */
  default String bootstrapServers() {
    return brokerHosts().stream().map(host -> host.name() + ":" + port())
        .collect(Collectors.joining(","));
  }

  default List<LabHost> brokerHosts() {
    return LabHost.COURSE.subList(0, brokerCount());
  }

  @Override
  default List<Endpoint> endpoints() {
    return brokerHosts().stream()
        .map(host -> new Endpoint("Kafka broker", host, port(), host.name() + ":" + port()))
        .toList();
  }

  /** Stops the broker on that host, as a crash of one machine would (it shuts down cleanly). */
  void stopBroker(LabHost host);

  /** Starts a stopped broker again, with the data it had. */
  void startBroker(LabHost host);

  /** A new admin client of its own; the caller closes it. */
  default Admin newAdmin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
  }
}
