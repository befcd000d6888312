package io.flumelab.kafka;

import io.flumelab.api.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Makes the Kafka record of an event as Flume's Kafka sink does: the topic (the event's topic
 * header when overriding is allowed, else the configured topic with its {@code %{header}}
 * escapes), the {@code key} header as the record key, the partition (a header, else the default
 * one, else the partitioner's choice by key), the timestamp header, the headers named by
 * {@code header.NAME}, and the body or the whole event in Flume's format as the value.
 */
final class EventRecords {

  /** The header whose value is the record's key. */
  static final String KEY_HEADER = "key";

  private static final Pattern ESCAPE = Pattern.compile("%\\{([^}]+)}");

  /** How the records are made; null strings and Integer mean "not set". */
  record Options(String topic, boolean allowTopicOverride, String topicHeader,
      Integer defaultPartitionId, String partitionIdHeader, String timestampHeader,
      Map<String, String> kafkaHeaderNames, boolean flumeEventFormat) {
    Options {
      kafkaHeaderNames = Map.copyOf(kafkaHeaderNames);
    }
  }

  private final Options options;
  private final boolean topicHasEscapes;

  EventRecords(Options options) {
    this.options = options;
    this.topicHasEscapes = ESCAPE.matcher(options.topic()).find();
  }

  /**
   * @throws IllegalArgumentException naming the header, when a partition or timestamp header
   *     holds no number
   */
  ProducerRecord<String, byte[]> recordOf(Event event) {
    Map<String, String> headers = event.getHeaders();
    byte[] value = options.flumeEventFormat() ? FlumeEventFormat.encode(event) : event.getBody();
    return new ProducerRecord<>(topicOf(headers), partitionOf(headers), timestampOf(headers),
        headers.get(KEY_HEADER), value, kafkaHeaders(headers));
  }

  String topicOf(Map<String, String> headers) {
    if (options.allowTopicOverride()) {
      String override = headers.get(options.topicHeader());
      if (override != null && !override.isBlank()) {
        return override;
      }
    }
    if (!topicHasEscapes) {
      return options.topic();
    }
    Matcher m = ESCAPE.matcher(options.topic());
    StringBuilder topic = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(topic, Matcher.quoteReplacement(headers.getOrDefault(m.group(1), "")));
    }
    m.appendTail(topic);
    return topic.toString();
  }

  private Integer partitionOf(Map<String, String> headers) {
    if (options.partitionIdHeader() != null) {
      String text = headers.get(options.partitionIdHeader());
      if (text != null) {
        try {
          return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("its header " + options.partitionIdHeader() + " = '"
              + text + "' (partitionIdHeader) is not a partition number");
        }
      }
    }
    return options.defaultPartitionId();
  }

  private Long timestampOf(Map<String, String> headers) {
    if (options.timestampHeader() == null) {
      return null;
    }
    String text = headers.get(options.timestampHeader());
    if (text == null) {
      return null;
    }
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("its header " + options.timestampHeader() + " = '" + text
          + "' (timestampHeader) is not a time in milliseconds");
    }
  }

  private List<Header> kafkaHeaders(Map<String, String> headers) {
    if (options.kafkaHeaderNames().isEmpty()) {
      return null;
    }
    List<Header> kafkaHeaders = new ArrayList<>(options.kafkaHeaderNames().size());
    options.kafkaHeaderNames().forEach((flumeName, kafkaName) -> {
      String value = headers.get(flumeName);
      if (value != null) {
        kafkaHeaders.add(new RecordHeader(kafkaName, value.getBytes(StandardCharsets.UTF_8)));
      }
    });
    return kafkaHeaders;
  }

  /** The event as failure messages name it: where it was going, its size, its headers. */
  static String describe(Event event, int index, int count) {
    String body = new String(event.getBody(), 0, Math.min(event.getBody().length, 40),
        StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
    return "event " + (index + 1) + " of " + count + " (" + event.getBody().length
        + " bytes, headers " + event.getHeaders() + ", body '" + body
        + (event.getBody().length > 40 ? "...'" : "'") + ")";
  }
}
