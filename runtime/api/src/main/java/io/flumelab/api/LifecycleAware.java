package io.flumelab.api;

/** A component the runtime starts and stops. */
public interface LifecycleAware {

  void start();

  void stop();

  LifecycleState getLifecycleState();
}
