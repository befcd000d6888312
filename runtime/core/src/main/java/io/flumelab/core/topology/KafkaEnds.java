package io.flumelab.core.topology;

import java.util.List;
import java.util.Map;

/**
 * Flume's Kafka keys, as the graph reads them: which brokers and topics a Kafka sink writes and
 * a Kafka source or channel reads (current keys first, then the older spellings Flume still
 * reads, then Flume's defaults).
 */
final class KafkaEnds {

  /** Flume's defaults when no topic is set. */
  static final String SINK_DEFAULT_TOPIC = "default-flume-topic";
  static final String CHANNEL_DEFAULT_TOPIC = "flume-channel";

  /**
   * What a Kafka source reads.
   *
   * @param regex {@code kafka.topics.regex}, which wins over the list, or null
   */
  record Reader(List<String> servers, List<String> topics, String regex) {}

  private KafkaEnds() {}

  static List<String> servers(Map<String, String> settings) {
    return Settings.commaSeparated(
        new Settings(settings).first("kafka.bootstrap.servers", "brokerList"));
  }

  static String sinkTopic(Map<String, String> settings) {
    return new Settings(settings).firstOr(SINK_DEFAULT_TOPIC, "kafka.topic", "topic");
  }

  static String channelTopic(Map<String, String> settings) {
    return new Settings(settings).firstOr(CHANNEL_DEFAULT_TOPIC, "kafka.topic", "topic");
  }

  static Reader reader(Map<String, String> settings) {
    Settings s = new Settings(settings);
    return new Reader(servers(settings), Settings.commaSeparated(s.first("kafka.topics", "topic")),
        s.first("kafka.topics.regex"));
  }
}
