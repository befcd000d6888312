package io.flumelab.hdfs;

import io.flumelab.core.spi.ComponentCatalog;
import io.flumelab.core.spi.ComponentSpec;
import java.util.List;

/** The hdfs sink, found by the registry when this module is on the classpath. */
public final class HdfsCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    return List.of(HdfsSink.SPEC);
  }
}
