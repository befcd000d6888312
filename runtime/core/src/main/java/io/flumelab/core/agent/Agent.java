package io.flumelab.core.agent;

import io.flumelab.api.Channel;
import io.flumelab.api.LifecycleAware;
import io.flumelab.api.VolatileChannel;
import io.flumelab.core.config.Topology;
import io.flumelab.core.lifecycle.Supervisor;
import io.flumelab.core.plugin.Plugins;
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
 * channels for a while so a graceful stop loses nothing that a sink could still deliver. What a
 * {@link VolatileChannel} still holds after that is lost: the agent says so, per channel, at ERROR
 * and reports the total to its caller (the launcher turns it into an exit status).
 */
public final class Agent {

  /** How long a graceful stop lets sinks keep draining. */
  public static final long DEFAULT_DRAIN_MILLIS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final String name;
  private final Map<String, Channel> channels;
  private final Map<String, SourceRunner> sources;
  private final Map<String, SinkRunner> sinks;
  private final Supervisor supervisor;
  private final Plugins plugins;

  public Agent(String name, Map<String, Channel> channels, Map<String, SourceRunner> sources,
      Map<String, SinkRunner> sinks) {
    this(name, channels, sources, sinks, null);
  }

  /** @param plugins the loaders the components came from, closed after the agent stopped; or null */
  public Agent(String name, Map<String, Channel> channels, Map<String, SourceRunner> sources,
      Map<String, SinkRunner> sinks, Plugins plugins) {
    this.name = name;
    this.plugins = plugins;
    this.supervisor = new Supervisor(name);
    // declaration order is kept: components start and report in the order the file lists them
    this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    this.sinks = Collections.unmodifiableMap(new LinkedHashMap<>(sinks));
  }

  /** An agent running the components of a loaded configuration. */
  public static Agent of(Topology topology) {
    return new Agent(topology.agentName(), topology.channels(), topology.sources(),
        topology.sinkRunners(), topology.plugins());
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

  /** Stops with the default drain time; see {@link #stop(long)}. */
  public long stop() {
    return stop(DEFAULT_DRAIN_MILLIS);
  }

  /**
   * Stops sources, lets sinks drain for up to {@code drainMillis}, then stops channels.
   *
   * @return how many committed events were discarded because their channels keep nothing across
   *     a stop; 0 when everything was delivered or is kept
   */
  public synchronized long stop(long drainMillis) {
    LOG.info("Stopping agent {}", name);
    sources.forEach((sourceName, runner) -> stopQuietly("Source " + sourceName, runner::stop));
    sinks.forEach((sinkName, runner) ->
        stopQuietly("Sink " + sinkName, () -> runner.stop(drainMillis)));
    long discarded = 0;
    for (Map.Entry<String, Channel> entry : channels.entrySet()) {
      discarded += discardRemaining(entry.getKey(), entry.getValue(), drainMillis);
    }
    channels.forEach((channelName, channel) -> stopQuietly("Channel " + channelName, channel::stop));
    supervisor.close();
    if (plugins != null) {
      // after the components: a stopping plugin may still load classes
      plugins.close();
    }
    LOG.info("Agent {} stopped", name);
    return discarded;
  }

  private static long discardRemaining(String channelName, Channel channel, long drainMillis) {
    if (!(channel instanceof VolatileChannel volatileChannel)) {
      return 0;
    }
    long discarded = volatileChannel.discardRemainingEvents();
    if (discarded > 0) {
      LOG.error("Channel {} discards {} committed events on stop: its sinks did not deliver them "
          + "within the drain time ({}) and this channel keeps events only while the agent runs. "
          + "To keep them, give the sinks longer to drain (flume-ng agent --drain-seconds) or use "
          + "a channel that keeps events across a restart (type = file)", channelName, discarded,
          duration(drainMillis));
    }
    return discarded;
  }

  private static String duration(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
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

  /**
   * The counters of every component that keeps them: sources, channels, sinks, then those that
   * foreign-API components keep themselves (read now, so one registered after start is there).
   */
  public List<ComponentCounter> counters() {
    List<ComponentCounter> counters = new ArrayList<>();
    sources.values().forEach(runner -> addCounter(counters, runner.getSource()));
    channels.values().forEach(channel -> addCounter(counters, channel));
    sinks.values().forEach(runner -> runner.getProcessor().getSinks()
        .forEach(sink -> addCounter(counters, sink)));
    if (plugins != null) {
      counters.addAll(plugins.foreignCounters());
    }
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
