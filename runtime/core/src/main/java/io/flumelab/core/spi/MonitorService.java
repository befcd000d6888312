package io.flumelab.core.spi;

import io.flumelab.api.Configurable;
import io.flumelab.core.spi.ComponentCounter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reports an agent's counters somewhere while the agent runs: {@code http} serves them as JSON
 * and in Prometheus' text format, other reporters are named by class ({@code -Dflume.monitoring.type=com.example.MyReporter}).
 * {@link #configure} receives the {@code flume.monitoring.*} system properties without that
 * prefix ({@code port}, {@code hosts}...).
 */
public interface MonitorService extends Configurable {

  /** Starts reporting; {@code counters} gives the agent's counters each time it is asked. */
  void start(Supplier<List<ComponentCounter>> counters);

  /**
   * Starts reporting on a known agent, for reporters that name the agent and the components' types;
   * others need not override it.
   */
  default void start(MonitoredAgent agent, Supplier<List<ComponentCounter>> counters) {
    start(counters);
  }

  void stop();
}
