package io.flumelab.core.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.flumelab.core.spi.ComponentCounter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Counters in Flume's JSON reporting format: one object per component, keyed
 * {@code TYPE.name}, every value a string:
 * {@code {"CHANNEL.c1":{"ChannelSize":"0",...,"Type":"CHANNEL"}}}.
 */
public final class MetricsJson {

  private static final JsonFactory JSON = new JsonFactory();

  private MetricsJson() {}

  public static String of(List<ComponentCounter> counters) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (ComponentCounter counter : counters) {
        json.writeObjectFieldStart(counter.getType() + "." + counter.getName());
        for (Map.Entry<String, Object> entry : counter.attributes().entrySet()) {
          json.writeStringField(entry.getKey(), String.valueOf(entry.getValue()));
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
