package io.flumelab.core.config;

import static io.flumelab.core.config.ComponentKind.CHANNEL;
import static io.flumelab.core.config.ComponentKind.SELECTOR;
import static io.flumelab.core.config.ComponentKind.SINK;
import static io.flumelab.core.config.ComponentKind.SINK_PROCESSOR;
import static io.flumelab.core.config.ComponentKind.SOURCE;
import static io.flumelab.core.config.KeyType.BOOLEAN;
import static io.flumelab.core.config.KeyType.INTEGER;
import static io.flumelab.core.config.KeyType.LONG;
import static io.flumelab.core.config.KeyType.STRING;

import java.util.List;

/**
 * The component types of the core module. Only types whose class exists belong here: an alias of
 * a component not yet built must stay an "unknown type" rather than fail at instantiation.
 */
public final class BuiltinCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    return List.of(
        ComponentSpec.builder(SOURCE, "netcat", "io.flumelab.core.source.NetcatSource")
            .flumeClass("org.apache.flume.source.NetcatSource")
            .required("bind").required("port", INTEGER)
            .key("max-line-length", INTEGER).key("ack-every-event", BOOLEAN).key("encoding")
            .key("batchSize", INTEGER)
            .build(),
        ComponentSpec.builder(CHANNEL, "memory", "io.flumelab.core.channel.MemoryChannel")
            .flumeClass("org.apache.flume.channel.MemoryChannel")
            .key("capacity", INTEGER).key("transactionCapacity", INTEGER)
            .key("byteCapacity", LONG).key("byteCapacityBufferPercentage", INTEGER)
            .key("keep-alive", INTEGER)
            .build(),
        ComponentSpec.builder(SINK, "logger", "io.flumelab.core.sink.LoggerSink")
            .flumeClass("org.apache.flume.sink.LoggerSink")
            .key("maxBytesToLog", INTEGER)
            .build(),
        ComponentSpec.builder(SINK, "null", "io.flumelab.core.sink.NullSink")
            .flumeClass("org.apache.flume.sink.NullSink")
            .key("batchSize", INTEGER)
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
            .build(),
        ComponentSpec.builder(SINK_PROCESSOR, "default", "io.flumelab.core.sink.DefaultSinkProcessor")
            .flumeClass("org.apache.flume.sink.DefaultSinkProcessor")
            .build());
  }
}
