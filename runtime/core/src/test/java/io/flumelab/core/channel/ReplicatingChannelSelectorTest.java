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

class ReplicatingChannelSelectorTest {

  private final Channel c1 = memory("c1");
  private final Channel c2 = memory("c2");
  private final Channel c3 = memory("c3");

  @Test
  void allChannelsAreRequiredByDefault() {
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(c1, c2));
    assertThat(selector.getRequiredChannels(event("a"))).containsExactly(c1, c2);

    selector.configure(new Context());
    assertThat(selector.getRequiredChannels(event("a"))).containsExactly(c1, c2);
    assertThat(selector.getOptionalChannels(event("a"))).isEmpty();
    assertThat(selector.getAllChannels()).containsExactly(c1, c2);
  }

  @Test
  void optionalChannelsAreNotRequired() {
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(c1, c2, c3));
    selector.configure(new Context(Map.of("optional", " c3  c1 ")));

    assertThat(selector.getRequiredChannels(event("a"))).containsExactly(c2);
    assertThat(selector.getOptionalChannels(event("a"))).containsExactly(c3, c1);
    // the same lists for every event: the processor relies on it to skip grouping
    assertThat(selector.getRequiredChannels(event("b")))
        .isSameAs(selector.getRequiredChannels(event("a")));
  }

  @Test
  void configurationMayComeBeforeTheChannels() {
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.configure(new Context(Map.of("optional", "c2")));
    selector.setChannels(List.of(c1, c2));

    assertThat(selector.getRequiredChannels(event("a"))).containsExactly(c1);
    assertThat(selector.getOptionalChannels(event("a"))).containsExactly(c2);
  }

  @Test
  void anUnknownOptionalChannelIsAConfigurationError() {
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(c1, c2));
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> selector.configure(new Context(Map.of("optional", "c9"))));

    assertThat(e.getKey()).isEqualTo("optional");
    assertThat(e).hasMessageContaining("'c9'").hasMessageContaining("[c1, c2]");
    assertThat(e.getFix()).contains("c1 c2");
  }
}
