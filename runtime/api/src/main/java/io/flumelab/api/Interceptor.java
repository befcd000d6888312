package io.flumelab.api;

import java.util.List;

/**
 * Inspects or changes events between a source and its channels. Returning null (or leaving an event
 * out of the returned list) drops it. Interceptors are created through their {@link Builder}, whose
 * class name the configuration gives: {@code a1.sources.r1.interceptors.i1.type = com.example.MyInterceptor$Builder}.
 */
public interface Interceptor {

  void initialize();

  Event intercept(Event event);

  List<Event> intercept(List<Event> events);

  void close();

  /** Configured with the interceptor's keys, then asked for the interceptor. */
  interface Builder extends Configurable {
    Interceptor build();
  }
}
