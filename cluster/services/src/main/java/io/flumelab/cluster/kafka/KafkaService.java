package io.flumelab.cluster.kafka;

import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.Service;
import java.util.List;
import java.util.Map;
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

  /** {@code hadoop102:9092,hadoop103:9092,hadoop105:9092} */
  String bootstrapServers();

  List<LabHost> brokerHosts();

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
