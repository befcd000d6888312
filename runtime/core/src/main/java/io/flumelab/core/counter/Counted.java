package io.flumelab.core.counter;

/** A component that keeps counters; the agent collects them for monitoring. */
public interface Counted {

  ComponentCounter getCounter();
}
