package io.flumelab.hdfs;

import static io.flumelab.core.config.ComponentKind.SINK;
import static io.flumelab.core.config.KeyType.BOOLEAN;
import static io.flumelab.core.config.KeyType.INTEGER;
import static io.flumelab.core.config.KeyType.LONG;

import io.flumelab.core.config.ComponentCatalog;
import io.flumelab.core.config.ComponentSpec;
import java.util.List;

/** The hdfs sink, found by the registry when this module is on the classpath. */
public final class HdfsCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    return List.of(ComponentSpec.builder(SINK, "hdfs", HdfsSink.class.getName())
        .flumeClass("org.apache.flume.sink.hdfs.HDFSEventSink")
        .required("hdfs.path")
        .key("hdfs.filePrefix").key("hdfs.fileSuffix").key("hdfs.inUsePrefix")
        .key("hdfs.inUseSuffix").key("hdfs.emptyInUseSuffix", BOOLEAN)
        .key("hdfs.rollInterval", LONG).key("hdfs.rollSize", LONG).key("hdfs.rollCount", LONG)
        .key("hdfs.idleTimeout", LONG).batch("hdfs.batchSize", 100).key("hdfs.codeC")
        .key("hdfs.fileType").key("hdfs.maxOpenFiles", INTEGER)
        .key("hdfs.minBlockReplicas", INTEGER).key("hdfs.writeFormat")
        .key("hdfs.threadsPoolSize", INTEGER).key("hdfs.rollTimerPoolSize", INTEGER)
        .key("hdfs.kerberosPrincipal").key("hdfs.kerberosKeytab").key("hdfs.proxyUser")
        .key("hdfs.round", BOOLEAN).key("hdfs.roundValue", INTEGER).key("hdfs.roundUnit")
        .key("hdfs.timeZone").key("hdfs.useLocalTimeStamp", BOOLEAN)
        .key("hdfs.closeTries", INTEGER).key("hdfs.retryInterval", LONG)
        .key("hdfs.callTimeout", LONG)
        .key("serializer").passThrough("serializer.")
        .build());
  }
}
