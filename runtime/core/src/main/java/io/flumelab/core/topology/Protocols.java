package io.flumelab.core.topology;

import java.util.Locale;
import java.util.Map;

/**
 * Which component types carry events between agents. A type is the registered alias when the
 * registry knows it; Apache Flume's class names are recognised too, because a type the running
 * modules do not register (thrift) stays as the file wrote it.
 */
final class Protocols {

  static final String AVRO = "avro";
  static final String THRIFT = "thrift";
  static final String KAFKA = "kafka";

  private static final Map<String, String> FLUME_CLASSES = Map.of(
      "org.apache.flume.source.avrosource", AVRO,
      "org.apache.flume.sink.avrosink", AVRO,
      "org.apache.flume.source.thriftsource", THRIFT,
      "org.apache.flume.sink.thriftsink", THRIFT,
      "org.apache.flume.source.kafka.kafkasource", KAFKA,
      "org.apache.flume.sink.kafka.kafkasink", KAFKA,
      "org.apache.flume.channel.kafka.kafkachannel", KAFKA);

  private Protocols() {}

  /** {@code avro}, {@code thrift}, {@code kafka}, or null for a type that stays in its agent. */
  static String of(String type) {
    if (type == null) {
      return null;
    }
    String lower = type.strip().toLowerCase(Locale.ROOT);
    if (lower.equals(AVRO) || lower.equals(THRIFT) || lower.equals(KAFKA)) {
      return lower;
    }
    return FLUME_CLASSES.get(lower);
  }
}
