package io.flumelab.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of an agent's counters as its HTTP monitoring serves them
 * ({@code -Dflume.monitoring.type=http}): Flume's JSON, one object of string values per component,
 * {@code {"CHANNEL.c1":{"ChannelSize":"0",...},...}}.
 */
public record AgentCounters(Map<String, Map<String, String>> components) {

  private static final Pattern COMPONENT = Pattern.compile("\"([A-Z]+\\.[^\"]+)\"\\s*:\\s*\\{([^{}]*)}");
  private static final Pattern VALUE = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]*)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** GET http://localhost:port/metrics. */
  public static AgentCounters read(int port) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /metrics answered " + response.statusCode());
    }
    Map<String, Map<String, String>> components = new LinkedHashMap<>();
    Matcher component = COMPONENT.matcher(response.body());
    while (component.find()) {
      Map<String, String> values = new LinkedHashMap<>();
      Matcher value = VALUE.matcher(component.group(2));
      while (value.find()) {
        values.put(value.group(1), value.group(2));
      }
      components.put(component.group(1), values);
    }
    return new AgentCounters(components);
  }

  /** A counter of a channel, e.g. {@code channel("c1", "ChannelSize")}. */
  public long channel(String name, String counter) {
    return component("CHANNEL." + name, counter);
  }

  /** The name of the agent's one channel; fails when it has none or several. */
  public String onlyChannel() {
    List<String> channels = components.keySet().stream().filter(key -> key.startsWith("CHANNEL."))
        .map(key -> key.substring("CHANNEL.".length())).toList();
    if (channels.size() != 1) {
      throw new AssertionError("The agent should have one channel; its counters show "
          + components.keySet());
    }
    return channels.get(0);
  }

  /** A counter of any component by its key, e.g. {@code component("SOURCE.r1", "EventAcceptedCount")}. */
  public long component(String key, String counter) {
    Map<String, String> values = components.get(key);
    if (values == null || values.get(counter) == null) {
      throw new AssertionError("The agent's counters have no " + counter + " for " + key + ": "
          + components.keySet());
    }
    return Long.parseLong(values.get(counter));
  }

  /**
   * No take transaction is open: a memory channel's size leaves out what an open take holds, so at
   * rest the size is what was put less what was taken.
   */
  public boolean atRest(String channel) {
    return channel(channel, "ChannelSize") == channel(channel, "EventPutSuccessCount")
        - channel(channel, "EventTakeSuccessCount");
  }
}
