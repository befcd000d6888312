package io.flumelab.core.interceptor;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Interceptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the interceptor tests. */
final class Interceptors {

  private Interceptors() {}

  /** {@code settings} are key, value, key, value... */
  static Context context(String... settings) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < settings.length; i += 2) {
      map.put(settings[i], settings[i + 1]);
    }
    return new Context(map);
  }

  /** Configures the builder, builds and initialises the interceptor, as the agent does. */
  static Interceptor build(Interceptor.Builder builder, String... settings) {
    builder.configure(context(settings));
    Interceptor interceptor = builder.build();
    interceptor.initialize();
    return interceptor;
  }

  static Event event(String body, String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body, StandardCharsets.UTF_8, map);
  }

  /** A mutable batch, as sources hand over. */
  static List<Event> batch(String... bodies) {
    List<Event> events = new ArrayList<>();
    for (String body : bodies) {
      events.add(event(body));
    }
    return events;
  }

  static String body(Event event) {
    return new String(event.getBody(), StandardCharsets.UTF_8);
  }
}
