package io.flumelab.avro;

import io.flumelab.core.spi.ComponentCatalog;
import io.flumelab.core.spi.ComponentSpec;
import java.util.List;

/** The avro source and sink, found by the registry when this module is on the classpath. */
public final class AvroCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    return List.of(AvroSource.SPEC, AvroSink.SPEC);
  }
}
