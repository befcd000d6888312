package io.flumelab.filechannel;

import io.flumelab.core.spi.ComponentCatalog;
import io.flumelab.core.spi.ComponentSpec;
import java.util.List;

/** The {@code file} channel, found by the registry when this module is on the classpath. */
public final class FileChannelCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    return List.of(FileChannel.SPEC);
  }
}
