package io.flumelab.flume;

import io.flumelab.api.LifecycleState;

/** The two APIs' lifecycle states, which have the same names (IDLE, START, STOP, ERROR). */
final class LifecycleStates {

  private LifecycleStates() {}

  static LifecycleState toOurs(org.apache.flume.lifecycle.LifecycleState flume) {
    return flume == null ? null : LifecycleState.valueOf(flume.name());
  }

  static org.apache.flume.lifecycle.LifecycleState toFlume(LifecycleState ours) {
    return ours == null ? null : org.apache.flume.lifecycle.LifecycleState.valueOf(ours.name());
  }
}
