package io.flumelab.cluster.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.LabHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Kafka image is told, checked without Docker: the names the course's configs use. */
class ContainerKafkaTest {

  @Test
  void eachNodeAdvertisesItsCourseHostAndKnowsTheOthersByName() {
    Map<String, String> env = new ContainerKafka(3).environment(2, LabHost.HADOOP103, "id");

    assertThat(env).containsEntry("KAFKA_NODE_ID", "2")
        .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
        .containsEntry("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
        .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://hadoop103:9092")
        .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS",
            "1@hadoop102:9093,2@hadoop103:9093,3@hadoop105:9093")
        .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
        .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
        .containsEntry("CLUSTER_ID", "id");
    assertThat(env.keySet()).allMatch(key -> key.matches("[A-Z0-9_]+"));
  }

  @Test
  void brokersWithoutAutoCreateAreToldSo() {
    assertThat(new ContainerKafka(3, false).environment(1, LabHost.HADOOP102, "id"))
        .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
  }

  @Test
  void theImageIsTheVersionOfTheClients() {
    assertThat(ContainerKafka.IMAGE.asCanonicalNameString()).isEqualTo("apache/kafka:4.3.1");
  }
}
