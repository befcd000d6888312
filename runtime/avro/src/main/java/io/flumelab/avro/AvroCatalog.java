package io.flumelab.avro;

import static io.flumelab.core.config.ComponentKind.SINK;
import static io.flumelab.core.config.ComponentKind.SOURCE;
import static io.flumelab.core.config.KeyType.BOOLEAN;
import static io.flumelab.core.config.KeyType.INTEGER;
import static io.flumelab.core.config.KeyType.LONG;

import io.flumelab.core.config.ComponentCatalog;
import io.flumelab.core.config.ComponentSpec;
import java.util.List;

/** The avro source and sink, found by the registry when this module is on the classpath. */
public final class AvroCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    return List.of(
        ComponentSpec.builder(SOURCE, "avro", AvroSource.class.getName())
            .flumeClass("org.apache.flume.source.AvroSource")
            .required("bind").required("port", INTEGER)
            .key("threads", INTEGER).key("compression-type")
            .key("ipFilter", BOOLEAN).key("ipFilterRules")
            .key("ssl", BOOLEAN).key("keystore").key("keystore-password").key("keystore-type")
            .key("exclude-protocols").key("include-protocols")
            .key("exclude-cipher-suites").key("include-cipher-suites")
            .build(),
        ComponentSpec.builder(SINK, "avro", AvroSink.class.getName())
            .flumeClass("org.apache.flume.sink.AvroSink")
            .required("hostname").required("port", INTEGER)
            .batch("batch-size", 100).key("connect-timeout", INTEGER)
            .key("request-timeout", INTEGER).key("reset-connection-interval", LONG)
            .key("compression-type").key("compression-level", INTEGER)
            .key("maxIoWorkers", INTEGER)
            .key("ssl", BOOLEAN).key("trust-all-certs", BOOLEAN).key("truststore")
            .key("truststore-password").key("truststore-type").key("exclude-protocols")
            .build());
  }
}
