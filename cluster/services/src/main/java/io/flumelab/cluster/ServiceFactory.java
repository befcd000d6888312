package io.flumelab.cluster;

import io.flumelab.cluster.containers.ContainerGanglia;
import io.flumelab.cluster.containers.ContainerKafka;
import io.flumelab.cluster.containers.ContainerMysql;
import io.flumelab.cluster.ganglia.LocalGanglia;
import io.flumelab.cluster.hdfs.EmbeddedHdfs;
import io.flumelab.cluster.kafka.EmbeddedKafka;
import io.flumelab.cluster.mysql.EmbeddedMysql;
import io.flumelab.cluster.mysql.LocalMysql;

/** Creates a service on the backend chosen for it here (see {@link ServiceKind#chooseBackend}). */
final class ServiceFactory {

  private ServiceFactory() {}

  static Service create(ServiceKind kind, ClusterSpec spec) {
    Backend backend = kind.chooseBackend();
    return switch (kind) {
      case HDFS -> new EmbeddedHdfs();
      case KAFKA -> backend == Backend.CONTAINERS
          ? new ContainerKafka(spec.kafkaBrokers(), spec.kafkaAutoCreateTopics())
          : new EmbeddedKafka(spec.kafkaBrokers(), spec.kafkaAutoCreateTopics());
      case MYSQL -> switch (backend) {
        case LOCAL -> new LocalMysql();
        case EMBEDDED -> new EmbeddedMysql();
        case CONTAINERS -> new ContainerMysql();
      };
      case GANGLIA -> backend == Backend.CONTAINERS ? new ContainerGanglia() : new LocalGanglia();
    };
  }
}
