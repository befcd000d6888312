package io.flumelab.flume;

import static io.flumelab.flume.Wiring.channel;
import static io.flumelab.flume.Wiring.create;
import static io.flumelab.flume.Wiring.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.PollableSource;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.spi.ChannelSelector;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.testing.TestData;
import io.flumelab.flume.fixtures.Mysource2;
import java.util.List;
import java.util.Map;
import org.apache.flume.channel.MultiplexingChannelSelector;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.junit.jupiter.api.Test;

class FlumeChannelSelectorsTest {

  private final MemoryChannel cz = channel("cz");
  private final MemoryChannel us = channel("us");
  private final MemoryChannel other = channel("other");
  private final MemoryChannel audit = channel("audit");

  /** Set the channels, then configure: the order of the agent's assembly and Flume's factory. */
  private ChannelSelector selector(Class<?> type, String... settings) {
    try {
      ChannelSelector selector = (ChannelSelector) Wiring.API.create(ComponentKind.SELECTOR, type);
      selector.setChannels(List.of(cz, us, other, audit));
      selector.configure(new Context(TestData.settings(settings)));
      return selector;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void flumesMultiplexingSelectorRoutesOurEventsByHeader() {
    ChannelSelector selector = selector(MultiplexingChannelSelector.class, "header", "state",
        "mapping.CZ", "cz", "mapping.US", "us", "default", "other", "optional.CZ", "audit");
    DefaultChannelProcessor processor = new DefaultChannelProcessor(selector, List.of());

    processor.processEventBatch(List.of(TestData.event("1", "state", "CZ"),
        TestData.event("2", "state", "US"), TestData.event("3", "state", "XX"),
        TestData.event("4", "state", "CZ")));

    assertThat(drain(cz)).containsExactly("1", "4");
    assertThat(drain(us)).containsExactly("2");
    assertThat(drain(other)).containsExactly("3");
    assertThat(drain(audit)).containsExactly("1", "4");
    assertThat(selector.getAllChannels()).containsExactly(cz, us, other, audit);
  }

  /**
   * Flume's selectors return precomputed lists; the adapter returns the same list of ours for each
   * one, so the agent's processor puts a batch without grouping it per event.
   */
  @Test
  void theSameFlumeListMapsToTheSameListOfOurs() {
    ChannelSelector selector = selector(MultiplexingChannelSelector.class, "header", "state",
        "mapping.CZ", "cz", "default", "other");

    List<Channel> first = selector.getRequiredChannels(TestData.event("1", "state", "CZ"));
    List<Channel> second = selector.getRequiredChannels(TestData.event("2", "state", "CZ"));
    List<Channel> fallback = selector.getRequiredChannels(TestData.event("3", "state", "XX"));

    assertThat(first).containsExactly(cz).isSameAs(second);
    assertThat(fallback).containsExactly(other);
  }

  @Test
  void flumesReplicatingSelectorWritesOptionalChannelsToo() {
    ChannelSelector selector = selector(ReplicatingChannelSelector.class, "optional", "audit other");
    DefaultChannelProcessor processor = new DefaultChannelProcessor(selector, List.of());

    processor.processEvent(TestData.event("a"));

    assertThat(selector.getRequiredChannels(TestData.event("b"))).containsExactly(cz, us);
    assertThat(drain(cz)).containsExactly("a");
    assertThat(drain(us)).containsExactly("a");
    assertThat(drain(audit)).containsExactly("a");
    assertThat(drain(other)).containsExactly("a");
  }

  /** A Flume source asking its processor for the selector gets the Flume selector itself. */
  @Test
  void aFlumeSourceSeesItsFlumeSelector() {
    ChannelSelector selector = selector(MultiplexingChannelSelector.class, "header", "state",
        "default", "other");
    PollableSource source = create(ComponentKind.SOURCE, Mysource2.class, "r1", "delay", "0");
    source.setChannelProcessor(new DefaultChannelProcessor(selector, List.of()));

    org.apache.flume.Source flume = ((FlumeSourceAdapter) source).flume();
    assertThat(flume.getChannelProcessor().getSelector()).isInstanceOf(MultiplexingChannelSelector.class);
  }

  /** With one of our selectors, the source sees a view that lists the channels but never routes. */
  @Test
  void aFlumeSourceWithOneOfOurSelectorsSeesAView() {
    io.flumelab.core.channel.ReplicatingChannelSelector ours =
        new io.flumelab.core.channel.ReplicatingChannelSelector();
    ours.setChannels(List.of(cz, us));
    ours.configure(new Context(Map.of()));
    PollableSource source = create(ComponentKind.SOURCE, Mysource2.class, "r1", "delay", "0");
    source.setChannelProcessor(new DefaultChannelProcessor(ours, List.of()));

    org.apache.flume.ChannelSelector seen =
        ((FlumeSourceAdapter) source).flume().getChannelProcessor().getSelector();
    assertThat(seen.getAllChannels()).extracting(org.apache.flume.Channel::getName)
        .containsExactly("cz", "us");
    assertThatThrownBy(() -> seen.getRequiredChannels(null))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("processEvent");
  }
}
