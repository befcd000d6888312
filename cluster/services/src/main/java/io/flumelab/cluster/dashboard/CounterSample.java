package io.flumelab.cluster.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One agent's counters at one moment, as its HTTP monitoring serves them in Flume's JSON
 * ({@code {"CHANNEL.c1":{"EventPutSuccessCount":"3",...}}}): numbers by component key
 * ({@code CHANNEL.c1}) and counter name; values that are no number ({@code Type}) are left out.
 *
 * @param nanos when it was read ({@link System#nanoTime()}), for rates
 */
record CounterSample(long nanos, Map<String, Map<String, Double>> components) {

  private static final JsonFactory JSON = new JsonFactory();

  CounterSample {
    components = Map.copyOf(components);
  }

  static CounterSample parse(long nanos, String json) throws IOException {
    Map<String, Map<String, Double>> components = new HashMap<>();
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not Flume's counters: " + json.substring(0, Math.min(80, json.length())));
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String component = parser.currentName();
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          parser.skipChildren();
          continue;
        }
        Map<String, Double> counters = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (value.isStructStart()) {
            parser.skipChildren();
          } else {
            Double number = number(parser.getValueAsString());
            if (number != null) {
              counters.put(name, number);
            }
          }
        }
        components.put(component, counters);
      }
    }
    return new CounterSample(nanos, components);
  }

  private static Double number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Double.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A counter's value, if the component has it. */
  Double value(String component, String counter) {
    Map<String, Double> counters = components.get(component);
    return counters == null ? null : counters.get(counter);
  }

  /** The sum of a counter over the components of one kind ({@code SOURCE}): events in, events out. */
  long total(String kind, String counter) {
    double sum = 0;
    for (Map.Entry<String, Map<String, Double>> component : components.entrySet()) {
      if (component.getKey().startsWith(kind + ".")) {
        sum += component.getValue().getOrDefault(counter, 0.0);
      }
    }
    return (long) sum;
  }

  /** Per second from {@code earlier} to this sample; null when either lacks the counter. */
  Double rate(CounterSample earlier, String component, String counter) {
    Double now = value(component, counter);
    Double before = earlier == null ? null : earlier.value(component, counter);
    if (now == null || before == null || nanos <= earlier.nanos) {
      return null;
    }
    return Math.max(0, now - before) / ((nanos - earlier.nanos) / 1e9);
  }
}
