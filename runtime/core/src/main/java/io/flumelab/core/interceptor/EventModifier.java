package io.flumelab.core.interceptor;

import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import java.util.List;
import java.util.RandomAccess;

/**
 * An interceptor that changes events in place and never drops one: a batch is returned as the
 * same list, walked by index when it allows, so a batch costs no allocation here. Null entries
 * (left by an earlier interceptor) are skipped.
 */
abstract class EventModifier implements Interceptor {

  /** Changes the event in place. */
  abstract void modify(Event event);

  @Override
  public void initialize() {}

  @Override
  public final Event intercept(Event event) {
    if (event != null) {
      modify(event);
    }
    return event;
  }

  @Override
  public final List<Event> intercept(List<Event> events) {
    if (events instanceof RandomAccess) {
      for (int i = 0, n = events.size(); i < n; i++) {
        intercept(events.get(i));
      }
    } else {
      for (Event event : events) {
        intercept(event);
      }
    }
    return events;
  }

  @Override
  public void close() {}
}
