package com.atguigu.interceptor;

import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;

/**
 * Lab 15 (a): sets a header on each event from its body, for a multiplexing selector to route by:
 * {@code letter} when the body starts with an ASCII letter (a-z, A-Z), {@code number} when it
 * starts with a digit (0-9), {@code other} for anything else (an empty body too). The header's name
 * is the interceptor's key {@code header} (default {@code type}). A job names the builder:
 * {@code a1.sources.r1.interceptors.i1.type = com.atguigu.interceptor.TypeInterceptor$Builder}.
 */
public class TypeInterceptor implements Interceptor {

  @Override
  public void initialize() {
  }

  @Override
  public Event intercept(Event event) {
    // TODO: put letter, number or other under the header's name; keep the headers the event has
    return event;
  }

  @Override
  public List<Event> intercept(List<Event> events) {
    // TODO: every event of the batch (the agent calls this one for a source's batches)
    return events;
  }

  @Override
  public void close() {
  }

  /** What the agent creates: configured with the interceptor's keys, then asked to build it. */
  public static class Builder implements Interceptor.Builder {

    @Override
    public void configure(Context context) {
      // TODO: read the key header (default "type") and keep it for build()
    }

    @Override
    public Interceptor build() {
      // TODO: an interceptor that sets the header this builder read
      return new TypeInterceptor();
    }
  }
}
