package io.flumelab.api;

/** A component that reads its settings from the agent's configuration before it starts. */
public interface Configurable {

  /**
   * Reads this component's keys. Called once, before {@link LifecycleAware#start()}. Throw
   * {@link ConfigurationException} naming the key to have the problem reported with its line.
   */
  void configure(Context context);
}
