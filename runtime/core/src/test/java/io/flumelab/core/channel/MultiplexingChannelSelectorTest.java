package io.flumelab.core.channel;

import static io.flumelab.core.channel.Channels.memory;
import static io.flumelab.core.testing.TestData.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flumelab.api.Channel;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiplexingChannelSelectorTest {

  private final Channel c1 = memory("c1");
  private final Channel c2 = memory("c2");
  private final Channel c3 = memory("c3");
  private final Channel c4 = memory("c4");

  private MultiplexingChannelSelector selector(Map<String, String> settings) {
    MultiplexingChannelSelector selector = new MultiplexingChannelSelector();
    selector.setChannels(List.of(c1, c2, c3, c4));
    selector.configure(new Context(settings));
    return selector;
  }

  @Test
  void routesByHeaderValueWithDefaultForMissingAndUnmappedValues() {
    MultiplexingChannelSelector selector = selector(Map.of("header", "state",
        "mapping.CZ", "c1", "mapping.US", "c2 c3", "default", "c4"));

    assertThat(selector.getRequiredChannels(event("a", "state", "CZ"))).containsExactly(c1);
    assertThat(selector.getRequiredChannels(event("a", "state", "US"))).containsExactly(c2, c3);
    assertThat(selector.getRequiredChannels(event("a", "state", "FR"))).containsExactly(c4);
    assertThat(selector.getRequiredChannels(event("a", "state", " "))).containsExactly(c4);
    assertThat(selector.getRequiredChannels(event("a"))).containsExactly(c4);
    assertThat(selector.getOptionalChannels(event("a", "state", "CZ"))).isEmpty();
  }

  @Test
  void theDefaultHeaderIsFlumes() {
    MultiplexingChannelSelector selector = selector(Map.of("mapping.x", "c2"));

    assertThat(selector.getHeader()).isEqualTo("flume.selector.header");
    assertThat(selector.getRequiredChannels(event("a", "flume.selector.header", "x")))
        .containsExactly(c2);
    assertThat(selector.getRequiredChannels(event("a"))).isEmpty(); // no default: dropped
  }

  @Test
  void optionalChannelsExcludeTheRequiredOnes() {
    MultiplexingChannelSelector selector = selector(Map.of("header", "state",
        "mapping.CZ", "c1", "optional.CZ", "c2 c1", "default", "c4", "optional.FR", "c3 c4"));

    assertThat(selector.getOptionalChannels(event("a", "state", "CZ"))).containsExactly(c2);
    // FR has no mapping, so its required channels are the default ones
    assertThat(selector.getRequiredChannels(event("a", "state", "FR"))).containsExactly(c4);
    assertThat(selector.getOptionalChannels(event("a", "state", "FR"))).containsExactly(c3);
    assertThat(selector.getOptionalChannels(event("a"))).isEmpty();
  }

  @Test
  void unknownChannelsAreConfigurationErrorsNamingTheKey() {
    assertConfigError(Map.of("mapping.CZ", "c1 c9"), "mapping.CZ", "'c9'");
    assertConfigError(Map.of("default", "nope"), "default", "'nope'");
    assertConfigError(Map.of("optional.US", "c5"), "optional.US", "'c5'");
    assertConfigError(Map.of("mapping.CZ", " "), "mapping.CZ", "names no channel");
  }

  private void assertConfigError(Map<String, String> settings, String key, String text) {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> selector(settings));
    assertThat(e).as("%s", settings).isNotNull().hasMessageContaining(text);
    assertThat(e.getKey()).isEqualTo(key);
    assertThat(e.getFix()).isNotBlank();
  }
}
