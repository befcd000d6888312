package io.flumelab.core.topology;

import io.flumelab.core.config.AgentModel;
import io.flumelab.core.config.AgentModel.Component;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns an agent as its file declares it into the graph's view of it. */
final class AgentFlows {

  private static final String MAPPING = "selector.mapping.";
  private static final String PRIORITY = "processor.priority.";

  private AgentFlows() {}

  static AgentFlow of(AgentModel model, String id, String file) {
    List<AgentFlow.Source> sources = model.sources().stream().map(AgentFlows::source).toList();
    List<AgentFlow.Channel> channels = model.channels().stream()
        .map(c -> new AgentFlow.Channel(c.name(), c.type(), channelAddress(c))).toList();
    List<AgentFlow.SinkGroup> groups = model.sinkGroups().stream().map(AgentFlows::group).toList();
    List<AgentFlow.Sink> sinks = model.sinks().stream().map(s -> new AgentFlow.Sink(s.name(),
        s.type(), sinkAddress(s), new Settings(s.settings()).first("channel"))).toList();
    return new AgentFlow(id, model.name(), file, sources, channels, groups, sinks);
  }

  private static AgentFlow.Source source(Component source) {
    Settings settings = new Settings(source.settings());
    List<AgentFlow.Interceptor> interceptors = new ArrayList<>();
    for (String name : settings.list("interceptors")) {
      interceptors.add(new AgentFlow.Interceptor(name,
          settings.first("interceptors." + name + ".type")));
    }
    return new AgentFlow.Source(source.name(), source.type(), sourceAddress(source), interceptors,
        selector(settings), settings.list("channels"));
  }

  private static AgentFlow.Selector selector(Settings settings) {
    String type = settings.firstOr("replicating", "selector.type");
    if (!"multiplexing".equalsIgnoreCase(type)) {
      return new AgentFlow.Selector(type, null, Map.of(), List.of(),
          settings.list("selector.optional"));
    }
    Map<String, List<String>> mapping = new LinkedHashMap<>();
    settings.all().forEach((key, value) -> {
      if (key.startsWith(MAPPING)) {
        mapping.put(key.substring(MAPPING.length()), settings.list(key));
      }
    });
    return new AgentFlow.Selector(type, settings.first("selector.header"), mapping,
        settings.list("selector.default"), List.of());
  }

  private static AgentFlow.SinkGroup group(Component group) {
    Settings settings = new Settings(group.settings());
    String processor = settings.firstOr("default", "processor.type");
    Map<String, String> priorities = new LinkedHashMap<>();
    settings.all().forEach((key, value) -> {
      if (key.startsWith(PRIORITY)) {
        priorities.put(key.substring(PRIORITY.length()), value.strip());
      }
    });
    String selector = "load_balance".equalsIgnoreCase(processor)
        ? settings.firstOr("round_robin", "processor.selector") : null;
    return new AgentFlow.SinkGroup(group.name(), processor, selector, settings.list("sinks"),
        priorities);
  }

  private static String sourceAddress(Component source) {
    if (Protocols.KAFKA.equals(Protocols.of(source.type()))) {
      KafkaEnds.Reader reader = KafkaEnds.reader(source.settings());
      return reader.regex() != null ? "topics /" + reader.regex() + "/"
          : reader.topics().isEmpty() ? null : "topic " + String.join(", ", reader.topics());
    }
    Settings settings = new Settings(source.settings());
    String type = source.type() == null ? "" : source.type();
    if (type.equalsIgnoreCase("exec")) {
      return settings.first("command");
    }
    if (type.equalsIgnoreCase("spooldir")) {
      return settings.first("spoolDir");
    }
    if (type.equalsIgnoreCase("TAILDIR")) {
      List<String> files = settings.list("filegroups").stream()
          .map(group -> settings.first("filegroups." + group)).filter(Objects::nonNull).toList();
      return files.isEmpty() ? null : String.join(", ", files);
    }
    String port = settings.first("port");
    if (port == null) {
      return null;
    }
    String bind = settings.first("bind");
    return bind == null ? "port " + port : bind + ":" + port;
  }

  private static String channelAddress(Component channel) {
    return Protocols.KAFKA.equals(Protocols.of(channel.type()))
        ? "topic " + KafkaEnds.channelTopic(channel.settings()) : null;
  }

  private static String sinkAddress(Component sink) {
    if (Protocols.KAFKA.equals(Protocols.of(sink.type()))) {
      return "topic " + KafkaEnds.sinkTopic(sink.settings());
    }
    Settings settings = new Settings(sink.settings());
    String type = sink.type() == null ? "" : sink.type();
    if (type.equalsIgnoreCase("hdfs")) {
      return settings.first("hdfs.path");
    }
    if (type.equalsIgnoreCase("file_roll")) {
      return settings.first("sink.directory");
    }
    String host = settings.first("hostname");
    String port = settings.first("port");
    return host == null || port == null ? null : host + ":" + port;
  }
}
