package io.flumelab.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void distanceCountsAdjacentSwapsAsOneEdit() {
    assertThat(Suggestions.distance("netcta", "netcat")).isEqualTo(1);
    assertThat(Suggestions.distance("capcity", "capacity")).isEqualTo(1);
    assertThat(Suggestions.distance("sink.diretory", "sink.directory")).isEqualTo(1);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
  }

  @Test
  void closestIsOnlyOfferedWhenClose() {
    List<String> keys = List.of("sink.directory", "sink.rollInterval", "batchSize");
    assertThat(Suggestions.closest("sink.diretory", keys)).contains("sink.directory");
    assertThat(Suggestions.closest("transactioncapacity", List.of("transactionCapacity"))).contains("transactionCapacity");
    assertThat(Suggestions.closest("colour", keys)).isEmpty();
  }
}
