/**
 * The core's extension surface: what a module with components (avro, hdfs, ganglia, and the Kafka,
 * JDBC and Flume-API modules to come) builds on. A component is declared once, beside its class,
 * as a {@link io.flumelab.core.spi.ComponentSpec} of {@link io.flumelab.core.spi.Setting}s read
 * through {@link io.flumelab.core.spi.Settings}; a module lists its specs in a
 * {@link io.flumelab.core.spi.ComponentCatalog} found by {@link java.util.ServiceLoader}. Bases and
 * parts to build with: {@link io.flumelab.core.spi.BatchSink},
 * {@link io.flumelab.core.spi.CountedSource}, the transactional channel base
 * ({@link io.flumelab.core.spi.BasicChannelSemantics}, and
 * {@link io.flumelab.core.spi.WaitableChannel} for a channel that wakes its idle sinks, with
 * {@link io.flumelab.core.spi.EventWaiters} to wake them, and
 * {@link io.flumelab.core.spi.NonWaitingTake} for one whose public take waits), the
 * counters under Flume's names (each registered with the {@link io.flumelab.core.spi.CounterSpec}
 * that says what it is, declared beside its class), the Netty server of listening sources,
 * monitoring services, channel selectors and sink processors. A component tells {@code flume-ng check} what only several of its
 * keys together show through {@link io.flumelab.core.spi.ConfigurationFlaws}.
 *
 * <p>Everything else in the core is internal; a test checks that modules import only this package
 * of it.
 */
package io.flumelab.core.spi;
