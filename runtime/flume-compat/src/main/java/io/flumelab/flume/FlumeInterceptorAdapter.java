package io.flumelab.flume;

import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import java.util.List;

/**
 * A Flume interceptor in the agent's interceptor chain. Events cross as views; one the interceptor
 * drops (null, or left out of the returned list) stays dropped.
 */
final class FlumeInterceptorAdapter implements Interceptor {

  private final org.apache.flume.interceptor.Interceptor flume;

  FlumeInterceptorAdapter(org.apache.flume.interceptor.Interceptor flume) {
    this.flume = flume;
  }

  @Override
  public void initialize() {
    try (Tccl t = Tccl.of(flume)) {
      flume.initialize();
    }
  }

  @Override
  public Event intercept(Event event) {
    try (Tccl t = Tccl.of(flume)) {
      return FlumeEvents.toOurs(flume.intercept(FlumeEvents.toFlume(event)));
    }
  }

  /** The interceptor gets a list of its own (Flume's interceptors change it and return it). */
  @Override
  public List<Event> intercept(List<Event> events) {
    try (Tccl t = Tccl.of(flume)) {
      return FlumeEvents.toOurs(flume.intercept(FlumeEvents.toFlume(events)));
    }
  }

  @Override
  public void close() {
    try (Tccl t = Tccl.of(flume)) {
      flume.close();
    }
  }

  @Override
  public String toString() {
    return flume.toString();
  }
}
