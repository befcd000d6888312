package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterSpecTest {

  @Test
  void kafkaCreatesTopicsOnFirstUseUnlessToldOtherwise() {
    assertThat(new ClusterSpec(false, 3, false, false).kafkaAutoCreateTopics()).isTrue();
    assertThat(ClusterSpec.everything().kafkaAutoCreateTopics()).isTrue();
    assertThat(new ClusterSpec(false, 3, false, false, false).kafkaAutoCreateTopics()).isFalse();
  }

  @Test
  void autoCreateOffWithoutKafkaIsAMistakeThatNamesTheFix() {
    assertThatThrownBy(() -> new ClusterSpec(true, 0, false, false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kafkaAutoCreateTopics = false sets up Kafka brokers, but the spec runs none: "
            + "add kafka = 1 or 3, or drop kafkaAutoCreateTopics");
  }
}
