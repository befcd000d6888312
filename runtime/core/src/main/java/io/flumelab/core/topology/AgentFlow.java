package io.flumelab.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent of a job file as a graph: its components in list order, and the edges between them.
 *
 * @param id unique in its {@link FlowGraph}: the agent's name, or {@code name@file} when two files
 *     configure agents of one name
 * @param file the job file's name (without its directory)
 */
public record AgentFlow(String id, String name, String file, List<Source> sources,
    List<Channel> channels, List<SinkGroup> sinkGroups, List<Sink> sinks) {

  /**
   * A source.
   *
   * @param type its registered alias, else as written (a class name), or null when unset
   * @param address where it listens ({@code hadoop103:4141}) or reads ({@code topic first}, a
   *     spooling directory, the files it tails), the command an exec source runs, or null
   * @param channels the channels it writes to, in list order
   */
  public record Source(String name, String type, String address, List<Interceptor> interceptors,
      Selector selector, List<String> channels) {}

  /** An interceptor, in the order the source runs them; {@code type} as written. */
  public record Interceptor(String name, String type) {}

  /**
   * A channel selector.
   *
   * @param type {@code replicating} (also when unset), {@code multiplexing}, or a class name
   * @param header the header a multiplexing selector routes by, else null
   * @param mapping header value to channels, in file order (multiplexing)
   * @param defaults the channels of a value no mapping names (multiplexing)
   * @param optional channels whose failure does not fail the put
   */
  public record Selector(String type, String header, Map<String, List<String>> mapping,
      List<String> defaults, List<String> optional) {

    public boolean multiplexing() {
      return "multiplexing".equalsIgnoreCase(type);
    }
  }

  /** A channel; {@code type} as for sources. */
  public record Channel(String name, String type, String address) {}

  /**
   * A sink.
   *
   * @param address where it sends ({@code hadoop105:4141}, {@code topic first}) or writes (an
   *     hdfs sink's path, a file_roll sink's directory), or null
   * @param channel the channel it drains, or null when unbound
   */
  public record Sink(String name, String type, String address, String channel) {}

  /**
   * A sink group: one runner for its sinks, which its processor chooses between.
   *
   * @param processor {@code default}, {@code failover}, {@code load_balance} or a class name
   * @param selector a load_balance group's {@code round_robin} or {@code random}, else null
   * @param priorities a failover group's {@code priority.<sink>} values, in file order
   */
  public record SinkGroup(String name, String processor, String selector, List<String> sinks,
      Map<String, String> priorities) {}

  public AgentFlow {
    sources = List.copyOf(sources);
    channels = List.copyOf(channels);
    sinkGroups = List.copyOf(sinkGroups);
    sinks = List.copyOf(sinks);
  }

  public Optional<Source> source(String sourceName) {
    return sources.stream().filter(s -> s.name().equals(sourceName)).findFirst();
  }

  public Optional<Sink> sink(String sinkName) {
    return sinks.stream().filter(s -> s.name().equals(sinkName)).findFirst();
  }

  /** The group a sink belongs to, if any. */
  public Optional<SinkGroup> groupOf(String sinkName) {
    return sinkGroups.stream().filter(g -> g.sinks().contains(sinkName)).findFirst();
  }

  public NodeRef ref(NodeRef.Kind kind, String componentName) {
    return new NodeRef(id, kind, componentName);
  }

  /**
   * Source to channel for every channel a source lists (labelled as {@link Edge#label()} says),
   * then channel to sink for every bound sink; channels the agent does not list are left out.
   */
  public List<Edge> edges() {
    List<Edge> edges = new ArrayList<>();
    for (Source source : sources) {
      for (String channel : source.channels()) {
        if (hasChannel(channel)) {
          edges.add(new Edge(ref(NodeRef.Kind.SOURCE, source.name()),
              ref(NodeRef.Kind.CHANNEL, channel), routeLabel(source.selector(), channel)));
        }
      }
    }
    for (Sink sink : sinks) {
      if (sink.channel() != null && hasChannel(sink.channel())) {
        edges.add(new Edge(ref(NodeRef.Kind.CHANNEL, sink.channel()),
            ref(NodeRef.Kind.SINK, sink.name()), null));
      }
    }
    return edges;
  }

  private boolean hasChannel(String channelName) {
    return channels.stream().anyMatch(c -> c.name().equals(channelName));
  }

  private static String routeLabel(Selector selector, String channel) {
    List<String> labels = new ArrayList<>();
    if (selector.multiplexing()) {
      selector.mapping().forEach((value, channels) -> {
        if (channels.contains(channel)) {
          labels.add(value);
        }
      });
      if (selector.defaults().contains(channel)) {
        labels.add("default");
      }
    }
    if (selector.optional().contains(channel)) {
      labels.add("optional");
    }
    return labels.isEmpty() ? null : String.join(", ", labels);
  }
}
