package io.flumelab.core.config;

import static io.flumelab.core.config.ComponentKind.CHANNEL;
import static io.flumelab.core.config.ComponentKind.SELECTOR;
import static io.flumelab.core.config.KeyType.INTEGER;
import static io.flumelab.core.config.KeyType.LONG;
import static io.flumelab.core.config.KeyType.STRING;

import java.util.List;

/** The built-in channel and channel selector types. Only types whose class exists belong here. */
final class ChannelTypes {

  private ChannelTypes() {}

  static List<ComponentSpec> specs() {
    return List.of(
        ComponentSpec.builder(CHANNEL, "memory", "io.flumelab.core.channel.MemoryChannel")
            .flumeClass("org.apache.flume.channel.MemoryChannel")
            .key("capacity", INTEGER).key("transactionCapacity", INTEGER)
            .key("byteCapacity", LONG).key("byteCapacityBufferPercentage", INTEGER)
            .key("keep-alive", INTEGER)
            .build(),
        ComponentSpec.builder(SELECTOR, "replicating", "io.flumelab.core.channel.ReplicatingChannelSelector")
            .flumeClass("org.apache.flume.channel.ReplicatingChannelSelector")
            .channelKey("optional")
            .build(),
        ComponentSpec.builder(SELECTOR, "multiplexing", "io.flumelab.core.channel.MultiplexingChannelSelector")
            .flumeClass("org.apache.flume.channel.MultiplexingChannelSelector")
            // optional as in Flume: without it events are routed by the header flume.selector.header
            .key("header", STRING)
            .channelKey("default").channelKey("mapping.").channelKey("optional.")
            .build());
  }
}
