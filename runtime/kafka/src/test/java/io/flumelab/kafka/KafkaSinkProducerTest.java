package io.flumelab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Context;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSinkProducerTest {

  private static KafkaSink configured(String... pairs) {
    Map<String, String> settings = new HashMap<>(Map.of("kafka.bootstrap.servers",
        "127.0.0.1:9092"));
    for (int i = 0; i < pairs.length; i += 2) {
      settings.put(pairs[i], pairs[i + 1]);
    }
    KafkaSink sink = new KafkaSink();
    sink.setName("k1");
    sink.configure(new Context(settings));
    return sink;
  }

  @Test
  void aFlushedBatchFitsOneRequestPerPartitionByDefault() {
    assertThat(configured().producerSetting("batch.size")).isEqualTo("262144");
    assertThat(configured().producerSetting("acks")).isEqualTo("1");
  }

  @Test
  void theUsersProducerSettingsWin() {
    KafkaSink sink = configured("kafka.producer.batch.size", "16384",
        "kafka.producer.linger.ms", "7");

    assertThat(sink.producerSetting("batch.size")).isEqualTo("16384");
    assertThat(sink.producerSetting("linger.ms")).isEqualTo("7");
  }
}
