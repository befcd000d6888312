package io.flumelab.api;

/** Where a component is in its life. */
public enum LifecycleState {
  IDLE, START, STOP, ERROR
}
