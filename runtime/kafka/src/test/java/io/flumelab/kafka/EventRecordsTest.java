package io.flumelab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.EventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class EventRecordsTest {

  private static EventRecords records(String topic, boolean override, Integer partition,
      Map<String, String> headerNames, boolean flumeFormat) {
    return new EventRecords(new EventRecords.Options(topic, override, "topic", partition, "part",
        "ts", headerNames, flumeFormat));
  }

  private static ProducerRecord<String, byte[]> record(EventRecords records,
      Map<String, String> headers) {
    return records.recordOf(EventBuilder.withBody("body", StandardCharsets.UTF_8, headers));
  }

  @Test
  void theKeyHeaderIsTheKeyAndTheBodyTheValue() {
    ProducerRecord<String, byte[]> record = record(records("first", true, null, Map.of(), false),
        Map.of("key", "user-7"));
    assertThat(record.topic()).isEqualTo("first");
    assertThat(record.key()).isEqualTo("user-7");
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("body");
    assertThat(record.partition()).isNull();
    assertThat(record.timestamp()).isNull();
  }

  @Test
  void theTopicHeaderOverridesOnlyWhenAllowed() {
    assertThat(record(records("first", true, null, Map.of(), false), Map.of("topic", "other"))
        .topic()).isEqualTo("other");
    assertThat(record(records("first", false, null, Map.of(), false), Map.of("topic", "other"))
        .topic()).isEqualTo("first");
  }

  @Test
  void theTopicsEscapesTakeHeaderValues() {
    assertThat(record(records("logs-%{app}-%{none}", true, null, Map.of(), false),
        Map.of("app", "web")).topic()).isEqualTo("logs-web-");
  }

  @Test
  void thePartitionHeaderWinsOverTheDefaultPartition() {
    EventRecords records = records("t", true, 2, Map.of(), false);
    assertThat(record(records, Map.of()).partition()).isEqualTo(2);
    assertThat(record(records, Map.of("part", "0")).partition()).isZero();
    assertThatThrownBy(() -> record(records, Map.of("part", "zero")))
        .hasMessageContaining("part = 'zero'").hasMessageContaining("partitionIdHeader");
  }

  @Test
  void theTimestampHeaderIsTheRecordsTime() {
    EventRecords records = records("t", true, null, Map.of(), false);
    assertThat(record(records, Map.of("ts", "1700000000000")).timestamp())
        .isEqualTo(1_700_000_000_000L);
    assertThatThrownBy(() -> record(records, Map.of("ts", "yesterday")))
        .hasMessageContaining("timestampHeader");
  }

  @Test
  void namedHeadersBecomeKafkaHeaders() {
    ProducerRecord<String, byte[]> record = record(records("t", true, null,
        Map.of("host", "source-host", "missing", "never"), false), Map.of("host", "h1", "x", "y"));
    assertThat(record.headers().toArray()).extracting(Header::key,
        h -> new String(h.value(), StandardCharsets.UTF_8))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("source-host", "h1"));
  }

  @Test
  void flumesFormatCarriesTheHeadersInTheValue() {
    ProducerRecord<String, byte[]> record = record(records("t", true, null, Map.of(), true),
        Map.of("a", "b"));
    assertThat(FlumeEventFormat.decode(record.value()).getHeaders()).containsEntry("a", "b");
  }
}
