package io.flumelab.core.config;

import static io.flumelab.core.config.ComponentKind.SINK;
import static io.flumelab.core.config.ComponentKind.SINK_PROCESSOR;
import static io.flumelab.core.config.KeyType.INTEGER;

import java.util.List;

/** The built-in sink and sink processor types. Only types whose class exists belong here. */
final class SinkTypes {

  private SinkTypes() {}

  static List<ComponentSpec> specs() {
    return List.of(
        ComponentSpec.builder(SINK, "logger", "io.flumelab.core.sink.LoggerSink")
            .flumeClass("org.apache.flume.sink.LoggerSink")
            .key("maxBytesToLog", INTEGER)
            .build(),
        ComponentSpec.builder(SINK, "null", "io.flumelab.core.sink.NullSink")
            .flumeClass("org.apache.flume.sink.NullSink")
            .batch("batchSize", 100)
            .build(),
        ComponentSpec.builder(SINK_PROCESSOR, "default", "io.flumelab.core.sink.DefaultSinkProcessor")
            .flumeClass("org.apache.flume.sink.DefaultSinkProcessor")
            .build(),
        ComponentSpec.builder(SINK, "file_roll", "io.flumelab.core.sink.RollingFileSink")
            .flumeClass("org.apache.flume.sink.RollingFileSink")
            .required("sink.directory", KeyType.STRING)
            .key("sink.rollInterval", KeyType.LONG)
            .batch("sink.batchSize", 100)
            .key("sink.pathManager")
            .key("sink.pathManager.prefix")
            .key("sink.pathManager.extension")
            .key("sink.serializer")
            .key("sink.serializer.appendNewline", KeyType.BOOLEAN)
            .build(),
        ComponentSpec.builder(SINK_PROCESSOR, "failover", "io.flumelab.core.sink.FailoverSinkProcessor")
            .flumeClass("org.apache.flume.sink.FailoverSinkProcessor")
            .passThrough("priority.") // one key per sink, checked by the processor against the group
            .key("maxpenalty", KeyType.LONG)
            .build(),
        ComponentSpec.builder(SINK_PROCESSOR, "load_balance", "io.flumelab.core.sink.LoadBalancingSinkProcessor")
            .flumeClass("org.apache.flume.sink.LoadBalancingSinkProcessor")
            .key("selector")
            .key("backoff", KeyType.BOOLEAN)
            .key("selector.maxTimeOut", KeyType.LONG)
            .passThrough("selector.") // a custom selector's keys; the processor checks the built-ins'
            .build());
  }
}
