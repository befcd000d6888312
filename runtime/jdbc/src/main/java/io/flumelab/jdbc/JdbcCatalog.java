package io.flumelab.jdbc;

import io.flumelab.core.spi.ComponentCatalog;
import io.flumelab.core.spi.ComponentSpec;
import java.util.List;

/** The jdbc source, found by the registry when this module is on the classpath. */
public final class JdbcCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    return List.of(JdbcSource.SPEC);
  }
}
