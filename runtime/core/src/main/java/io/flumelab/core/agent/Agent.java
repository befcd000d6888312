package io.flumelab.core.agent;

import io.flumelab.api.Channel;
import io.flumelab.api.LifecycleAware;
import io.flumelab.core.config.Topology;
import io.flumelab.core.lifecycle.Supervisor;
import io.flumelab.core.sink.SinkRunner;
import io.flumelab.core.source.SourceRunner;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.Counted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent. Starts channels, then sinks, then sources, so that nothing produces events
 * before something can hold and drain them; stops in the reverse order, letting sinks drain their
 * channels for a while so a graceful stop loses nothing that a sink could still deliver.
 */
public final class Agent {

  /** How long a graceful stop lets sinks keep draining. */
  public static final long DEFAULT_DRAIN_MILLIS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final String name;
  private final Map<String, Channel> channels;
  private final Map<String, SourceRunner> sources;
  private final Map<String, SinkRunner> sinks;
  private final Supervisor supervisor = new Supervisor();

  public Agent(String name, Map<String, Channel> channels, Map<String, SourceRunner> sources,
      Map<String, SinkRunner> sinks) {
    this.name = name;
    // declaration order is kept: components start and report in the order the file lists them
    this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    this.sinks = Collections.unmodifiableMap(new LinkedHashMap<>(sinks));
  }

  /** An agent running the components of a loaded configuration. */
  public static Agent of(Topology topology) {
    return new Agent(topology.agentName(), topology.channels(), topology.sources(),
        topology.sinkRunners());
  }

  public String getName() {
    return name;
  }

  public synchronized void start() {
    LOG.info("Starting agent {}", name);
    channels.forEach((channelName, channel) -> supervisor.supervise("Channel " + channelName, channel));
    sinks.forEach((sinkName, runner) -> supervisor.supervise("Sink " + sinkName, runner));
    sources.forEach((sourceName, runner) -> supervisor.supervise("Source " + sourceName, runner));
    LOG.info("Agent {} started: sources {}, channels {}, sinks {}", name, sources.keySet(),
        channels.keySet(), sinks.keySet());
  }

  public void stop() {
    stop(DEFAULT_DRAIN_MILLIS);
  }

  public synchronized void stop(long drainMillis) {
    LOG.info("Stopping agent {}", name);
    sources.forEach((sourceName, runner) -> stopQuietly("Source " + sourceName, runner::stop));
    sinks.forEach((sinkName, runner) ->
        stopQuietly("Sink " + sinkName, () -> runner.stop(drainMillis)));
    channels.forEach((channelName, channel) -> stopQuietly("Channel " + channelName, channel::stop));
    supervisor.close();
    LOG.info("Agent {} stopped", name);
  }

  private void stopQuietly(String component, Runnable stop) {
    supervisor.unsupervise(component);
    try {
      stop.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed to stop cleanly: {}", component, e.toString());
    }
  }

  /** Each component's lifecycle state, by its name as the log calls it ("Source r1"). */
  public Map<String, String> componentStates() {
    Map<String, String> states = new LinkedHashMap<>();
    channels.forEach((n, c) -> states.put("Channel " + n, String.valueOf(c.getLifecycleState())));
    sinks.forEach((n, r) -> states.put("Sink " + n, String.valueOf(r.getLifecycleState())));
    sources.forEach((n, r) -> states.put("Source " + n, String.valueOf(r.getLifecycleState())));
    return states;
  }

  /** The counters of every component that keeps them: sources, channels, sinks. */
  public List<ComponentCounter> counters() {
    List<ComponentCounter> counters = new ArrayList<>();
    sources.values().forEach(runner -> addCounter(counters, runner.getSource()));
    channels.values().forEach(channel -> addCounter(counters, channel));
    sinks.values().forEach(runner -> runner.getProcessor().getSinks()
        .forEach(sink -> addCounter(counters, sink)));
    return counters;
  }

  private static void addCounter(List<ComponentCounter> counters, Object component) {
    if (component instanceof Counted counted) {
      counters.add(counted.getCounter());
    }
  }

  List<LifecycleAware> components() {
    List<LifecycleAware> all = new ArrayList<>(channels.values());
    all.addAll(sinks.values());
    all.addAll(sources.values());
    return all;
  }
}
