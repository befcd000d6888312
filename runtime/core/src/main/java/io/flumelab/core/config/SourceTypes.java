package io.flumelab.core.config;

import static io.flumelab.core.config.ComponentKind.SOURCE;
import static io.flumelab.core.config.KeyType.BOOLEAN;
import static io.flumelab.core.config.KeyType.INTEGER;

import java.util.List;

/** The built-in source types. Only types whose class exists belong here. */
final class SourceTypes {

  private SourceTypes() {}

  static List<ComponentSpec> specs() {
    return List.of(
        ComponentSpec.builder(SOURCE, "netcat", "io.flumelab.core.source.NetcatSource")
            .flumeClass("org.apache.flume.source.NetcatSource")
            .required("bind").required("port", INTEGER)
            .key("max-line-length", INTEGER).key("ack-every-event", BOOLEAN).key("encoding")
            .key("batchSize", INTEGER)
            .build());
  }
}
