package io.flumelab.core.spi;

import java.util.Locale;
import java.util.Map;

/**
 * The agent a {@link MonitorService} reports on: its name ({@code -n a1}) and the type each
 * component was configured with, so that a reporter can label a counter with more than Flume's
 * {@code SOURCE.r1}.
 *
 * @param name the agent's name; empty when the reporter was started without one
 * @param componentTypes the type of each component by its counter key ({@code CHANNEL.c1} to
 *     {@code memory}): a built-in's alias, or the class name a custom component was configured with
 */
public record MonitoredAgent(String name, Map<String, String> componentTypes) {

  public MonitoredAgent {
    componentTypes = Map.copyOf(componentTypes);
  }

  /** An agent known by neither name nor types: for reporters started without an agent. */
  public static MonitoredAgent unnamed() {
    return new MonitoredAgent("", Map.of());
  }

  /** The key of a component's type: the one its counters carry, {@code SOURCE.r1}. */
  public static String key(String counterType, String componentName) {
    return counterType + "." + componentName;
  }

  /**
   * The configured type of the component these counters belong to; for counters of no configured
   * component (a plugin's own counter group), their kind in lower case ({@code channel_processor}).
   */
  public String typeOf(ComponentCounter counter) {
    String type = componentTypes.get(key(counter.getType(), counter.getName()));
    return type != null ? type : counter.getType().toLowerCase(Locale.ROOT);
  }
}
