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
            .key("batchSize", INTEGER)
            .build(),
        ComponentSpec.builder(SINK_PROCESSOR, "default", "io.flumelab.core.sink.DefaultSinkProcessor")
            .flumeClass("org.apache.flume.sink.DefaultSinkProcessor")
            .build());
  }
}
