package io.flumelab.cluster;

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
      case KAFKA -> new EmbeddedKafka(spec.kafkaBrokers());
      case MYSQL -> backend == Backend.LOCAL ? new LocalMysql() : new EmbeddedMysql();
      case GANGLIA -> new LocalGanglia();
    };
  }
}
