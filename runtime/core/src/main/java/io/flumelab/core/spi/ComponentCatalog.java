package io.flumelab.core.spi;

import java.util.List;

/**
 * Contributes component types. Each module with components (core, HDFS, Kafka, ...) implements
 * this and lists the implementation in
 * {@code META-INF/services/io.flumelab.core.spi.ComponentCatalog}; the registry finds every
 * catalog on the classpath, so a type resolves as soon as its module is there.
 */
public interface ComponentCatalog {

  List<ComponentSpec> specs();
}
