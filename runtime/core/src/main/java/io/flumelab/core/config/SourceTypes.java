package io.flumelab.core.config;

import static io.flumelab.core.config.ComponentKind.SOURCE;
import static io.flumelab.core.config.KeyType.BOOLEAN;
import static io.flumelab.core.config.KeyType.INTEGER;

import java.util.List;

/** The built-in source types. Only types whose class exists belong here. */
final class SourceTypes {

  private SourceTypes() {}

  static List<ComponentSpec> specs() {
    return List.of(
        ComponentSpec.builder(SOURCE, "netcat", "io.flumelab.core.source.NetcatSource")
            .flumeClass("org.apache.flume.source.NetcatSource")
            .required("bind").required("port", INTEGER)
            .key("max-line-length", INTEGER).key("ack-every-event", BOOLEAN).key("encoding")
            .key("batchSize", INTEGER)
            .build(),
        ComponentSpec.builder(SOURCE, "exec", "io.flumelab.core.source.ExecSource")
            .flumeClass("org.apache.flume.source.ExecSource")
            .required("command").key("shell").key("restart", BOOLEAN)
            .key("restartThrottle", KeyType.LONG).key("logStdErr", BOOLEAN)
            .batch("batchSize", 20).key("batchTimeout", KeyType.LONG).key("charset")
            .build(),
        ComponentSpec.builder(SOURCE, "spooldir", "io.flumelab.core.source.SpoolDirectorySource")
            .flumeClass("org.apache.flume.source.SpoolDirectorySource")
            .required("spoolDir").key("fileSuffix").key("deletePolicy").key("trackingPolicy")
            .key("fileHeader", BOOLEAN).key("fileHeaderKey").key("basenameHeader", BOOLEAN)
            .key("basenameHeaderKey").key("includePattern").key("ignorePattern")
            .key("trackerDir").key("consumeOrder").key("recursiveDirectorySearch", BOOLEAN)
            .key("pollDelay", KeyType.LONG).key("maxBackoff", KeyType.LONG)
            .batch("batchSize", 100).key("inputCharset").key("decodeErrorPolicy")
            .key("deserializer").key("deserializer.maxLineLength", INTEGER)
            .key("deserializer.outputCharset").key("bufferMaxLineLength", INTEGER)
            .key("bufferMaxLines", INTEGER)
            .build(),
        ComponentSpec.builder(SOURCE, "seq", "io.flumelab.core.source.SequenceGeneratorSource")
            .flumeClass("org.apache.flume.source.SequenceGeneratorSource")
            .batch("batchSize", 1).key("totalEvents", KeyType.LONG)
            .build(),
        ComponentSpec.builder(SOURCE, "netcatudp", "io.flumelab.core.source.NetcatUdpSource")
            .flumeClass("org.apache.flume.source.NetcatUdpSource")
            .required("bind").required("port", INTEGER)
            .key("remoteAddressHeader").key("remoteAddress")
            .build(),
        ComponentSpec.builder(SOURCE, "TAILDIR", "io.flumelab.core.source.taildir.TaildirSource")
            .flumeClass("org.apache.flume.source.taildir.TaildirSource")
            .required("filegroups").passThrough("filegroups.").passThrough("headers.")
            .key("positionFile").key("byteOffsetHeader", BOOLEAN).key("skipToEnd", BOOLEAN)
            .key("idleTimeout", KeyType.LONG).key("writePosInterval", KeyType.LONG)
            .batch("batchSize", 100).key("maxBatchCount", KeyType.LONG)
            .key("backoffSleepIncrement", KeyType.LONG).key("maxBackoffSleep", KeyType.LONG)
            .key("cachePatternMatching", BOOLEAN).key("fileHeader", BOOLEAN).key("fileHeaderKey")
            .build(),
        ComponentSpec.builder(SOURCE, "http", "io.flumelab.core.source.HttpSource")
            .flumeClass("org.apache.flume.source.http.HTTPSource")
            .required("port", INTEGER).key("bind").key("handler").passThrough("handler.")
            .key("ssl", BOOLEAN).key("enableSSL", BOOLEAN).key("keystore")
            .key("keystore-password").key("keystorePassword").key("keystore-type")
            .key("exclude-protocols").key("excludeProtocols").key("include-protocols")
            .key("exclude-cipher-suites").key("include-cipher-suites")
            .passThrough("QueuedThreadPool.").passThrough("HttpConfiguration.")
            .passThrough("ServerConnector.").passThrough("SslContextFactory.")
            .build());
  }
}
