package io.flumelab.core.spi;

/** A component that keeps counters; the agent collects them for monitoring. */
public interface Counted {

  ComponentCounter getCounter();
}
