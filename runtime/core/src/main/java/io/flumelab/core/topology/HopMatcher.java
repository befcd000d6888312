package io.flumelab.core.topology;

import io.flumelab.core.config.AgentModel;
import io.flumelab.core.config.AgentModel.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds where one agent's sink feeds another agent, from the files alone: nothing is resolved or
 * connected, since the files do not say on which machine each agent runs.
 *
 * <p>The rules:
 * <ul>
 *   <li>avro (or thrift) sink to a source of the same protocol: the sink's {@code port} equals the
 *       source's, and the sink's {@code hostname} is the source's {@code bind} as written (letter
 *       case aside), or the source binds {@code 0.0.0.0} (or {@code ::}), which listens on every
 *       address of whichever machine it runs on. Names are compared as written, not resolved:
 *       {@code hadoop105} and {@code 127.0.1.105} are one machine only by some hosts file.</li>
 *   <li>Kafka sink to a Kafka source or channel: the source's topics (or its
 *       {@code kafka.topics.regex}) or the channel's topic take in the sink's topic, and their
 *       {@code kafka.bootstrap.servers} share a {@code host:port}. A topic written with
 *       {@code %{header}} escapes matches nothing: its topic is known per event only. A Kafka
 *       channel is not taken for a producer: its own agent's sinks drain it.</li>
 * </ul>
 */
final class HopMatcher {

  private static final String BIND = "bind";
  private static final String PORT = "port";
  private static final String HOSTNAME = "hostname";

  private HopMatcher() {}

  /** Every hop, in the order of the sending agents and sinks, then of the receiving ones. */
  static List<Hop> hops(Map<String, AgentModel> agentsById) {
    List<Hop> hops = new ArrayList<>();
    agentsById.forEach((senderId, sender) -> {
      for (Component sink : sender.sinks()) {
        String protocol = Protocols.of(sink.type());
        if (protocol == null) {
          continue;
        }
        NodeRef from = new NodeRef(senderId, NodeRef.Kind.SINK, sink.name());
        agentsById.forEach((receiverId, receiver) -> {
          if (protocol.equals(Protocols.KAFKA)) {
            hops.addAll(kafkaHops(from, sink, receiverId, receiver));
          } else {
            hops.addAll(networkHops(from, sink, protocol, receiverId, receiver));
          }
        });
      }
    });
    return hops;
  }

  private static List<Hop> networkHops(NodeRef from, Component sink, String protocol,
      String receiverId, AgentModel receiver) {
    Settings sent = new Settings(sink.settings());
    String host = sent.first(HOSTNAME);
    Integer port = port(sent.first(PORT));
    List<Hop> hops = new ArrayList<>();
    if (host == null || port == null) {
      return hops;
    }
    for (Component source : receiver.sources()) {
      Settings listening = new Settings(source.settings());
      String bind = listening.first(BIND);
      if (protocol.equals(Protocols.of(source.type())) && port.equals(port(listening.first(PORT)))
          && bind != null && (isWildcard(bind) || bind.equalsIgnoreCase(host))) {
        hops.add(new Hop(from, new NodeRef(receiverId, NodeRef.Kind.SOURCE, source.name()),
            protocol, host + ":" + port));
      }
    }
    return hops;
  }

  private static List<Hop> kafkaHops(NodeRef from, Component sink, String receiverId,
      AgentModel receiver) {
    String topic = KafkaEnds.sinkTopic(sink.settings());
    List<String> servers = KafkaEnds.servers(sink.settings());
    List<Hop> hops = new ArrayList<>();
    if (topic.contains("%{")) {
      return hops;
    }
    for (Component source : receiver.sources()) {
      if (Protocols.KAFKA.equals(Protocols.of(source.type()))) {
        KafkaEnds.Reader reader = KafkaEnds.reader(source.settings());
        if (reads(reader, topic) && shareABroker(servers, reader.servers())) {
          hops.add(new Hop(from, new NodeRef(receiverId, NodeRef.Kind.SOURCE, source.name()),
              Protocols.KAFKA, "topic " + topic));
        }
      }
    }
    for (Component channel : receiver.channels()) {
      if (Protocols.KAFKA.equals(Protocols.of(channel.type()))
          && topic.equals(KafkaEnds.channelTopic(channel.settings()))
          && shareABroker(servers, KafkaEnds.servers(channel.settings()))) {
        hops.add(new Hop(from, new NodeRef(receiverId, NodeRef.Kind.CHANNEL, channel.name()),
            Protocols.KAFKA, "topic " + topic));
      }
    }
    return hops;
  }

  private static boolean reads(KafkaEnds.Reader reader, String topic) {
    if (reader.regex() != null) {
      try {
        return Pattern.compile(reader.regex()).matcher(topic).matches();
      } catch (PatternSyntaxException e) {
        return false; // check reports the expression
      }
    }
    return reader.topics().contains(topic);
  }

  private static boolean shareABroker(List<String> a, List<String> b) {
    return a.stream().anyMatch(server -> b.stream().anyMatch(server::equalsIgnoreCase));
  }

  private static boolean isWildcard(String bind) {
    String b = bind.toLowerCase(Locale.ROOT);
    return b.equals("0.0.0.0") || b.equals("::") || b.equals("[::]");
  }

  private static Integer port(String value) {
    try {
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
