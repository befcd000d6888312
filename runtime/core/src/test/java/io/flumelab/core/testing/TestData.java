package io.flumelab.core.testing;

import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.core.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings and events as the tests write them: UTF-8 text bodies, pairs given inline. */
public final class TestData {

  private TestData() {}

  /**
   * Settings given as key, value, key, value...; a later value replaces an earlier one, so a test's
   * defaults go first. The map is mutable.
   */
  public static Map<String, String> settings(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return settings;
  }

  /** An event of a UTF-8 body; {@code headers} are key, value, key, value... */
  public static Event event(String body, String... headers) {
    return EventBuilder.withBody(body, StandardCharsets.UTF_8, settings(headers));
  }

  /** One event a body, in a mutable list, as a source hands a batch over. */
  public static List<Event> events(String... bodies) {
    List<Event> events = new ArrayList<>();
    for (String body : bodies) {
      events.add(event(body));
    }
    return events;
  }

  public static String body(Event event) {
    return new String(event.getBody(), StandardCharsets.UTF_8);
  }

  public static List<String> bodies(List<Event> events) {
    return events.stream().map(TestData::body).toList();
  }
}
