package io.flumelab.kafka;

import io.flumelab.core.spi.ComponentCatalog;
import io.flumelab.core.spi.ComponentSpec;
import java.util.List;

/** The kafka types, found by the registry when this module is on the classpath. */
public final class KafkaCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    return List.of(KafkaSink.SPEC, KafkaSource.SPEC, KafkaChannel.SPEC);
  }
}
