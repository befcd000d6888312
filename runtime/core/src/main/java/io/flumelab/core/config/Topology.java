package io.flumelab.core.config;

import io.flumelab.api.Channel;
import io.flumelab.core.plugin.Plugins;
import io.flumelab.core.sink.SinkRunner;
import io.flumelab.core.source.SourceRunner;
import io.flumelab.core.spi.MonitoredAgent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's components, created, configured and wired, not yet started. Maps keep the order of
 * the configuration's lists.
 *
 * @param sinkRunners one runner per ungrouped sink (named after it) and per sink group (named
 *     after the group), in the order the sinks are listed
 * @param components every object created, in creation order: channels, then each source with its
 *     interceptors and selector, then sinks and processors
 * @param summary one line, e.g. {@code agent a1: 1 source (r1 netcat), 1 channel (c1 memory), 1 sink (k1 logger)}
 * @param warnings what was tolerated: to print before starting
 * @param plugins the class loaders of plugins.d the components came from; the agent closes them
 *     after it stopped
 * @param componentTypes each source's, channel's and sink's type by its counter key
 *     ({@code CHANNEL.c1} to {@code memory}; see {@link MonitoredAgent}), for monitoring's labels
 */
public record Topology(String agentName, Map<String, Channel> channels,
    Map<String, SourceRunner> sources, Map<String, SinkRunner> sinkRunners, List<Object> components,
    String summary, List<Problem> warnings, Plugins plugins, Map<String, String> componentTypes) {

  public Topology {
    channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    sinkRunners = Collections.unmodifiableMap(new LinkedHashMap<>(sinkRunners));
    components = List.copyOf(components);
    warnings = List.copyOf(warnings);
    componentTypes = Collections.unmodifiableMap(new LinkedHashMap<>(componentTypes));
  }

  /** The agent as monitoring reports on it: its name and its components' types. */
  public MonitoredAgent monitored() {
    return new MonitoredAgent(agentName, componentTypes);
  }
}
