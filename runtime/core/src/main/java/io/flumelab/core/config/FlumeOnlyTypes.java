package io.flumelab.core.config;

import io.flumelab.core.spi.ComponentKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Apache Flume's component types that FlumeLab does not have, by alias and class name, each with
 * the FlumeLab types nearest to it: so that a Flume file naming one is told so, instead of being
 * told its type is unknown. Consulted only after the registry: a module that adds one of these
 * (Kafka) registers it in its catalog, which then wins. A type FlumeLab has in every runtime (the
 * file channel) is not listed.
 */
final class FlumeOnlyTypes {

  /**
   * @param name how messages name it ("thrift source")
   * @param alias Flume's short name, or null if Flume has only the class name
   * @param classNames Flume's class names for it
   * @param instead FlumeLab aliases to suggest, nearest first; only the registered ones are named
   */
  record FlumeType(ComponentKind kind, String name, String alias, List<String> classNames,
      List<String> instead) {}

  private static final List<FlumeType> TYPES = List.of(
      source("thrift source", "thrift", "org.apache.flume.source.ThriftSource", "avro"),
      source("JMS source", "jms", "org.apache.flume.source.jms.JMSSource", "http", "avro"),
      source("syslog TCP source", "syslogtcp", "org.apache.flume.source.SyslogTcpSource",
          "netcat", "http"),
      source("multiport syslog TCP source", "multiport_syslogtcp",
          "org.apache.flume.source.MultiportSyslogTCPSource", "netcat", "http"),
      source("syslog UDP source", "syslogudp", "org.apache.flume.source.SyslogUDPSource",
          "netcatudp"),
      source("Kafka source", null, "org.apache.flume.source.kafka.KafkaSource", "avro", "http"),
      source("Twitter source", null, "org.apache.flume.source.twitter.TwitterSource", "http"),
      source("Scribe source", null, "org.apache.flume.source.scribe.ScribeSource", "avro"),
      source("stress source", null, "org.apache.flume.source.StressSource", "seq"),
      source("legacy Avro source", null, "org.apache.flume.source.avroLegacy.AvroLegacySource",
          "avro"),
      source("legacy Thrift source", null,
          "org.apache.flume.source.thriftLegacy.ThriftLegacySource", "avro"),
      sink("thrift sink", "thrift", "org.apache.flume.sink.ThriftSink", "avro"),
      sink("IRC sink", "irc", "org.apache.flume.sink.irc.IRCSink", "logger"),
      sink("HBase sink", "hbase", "org.apache.flume.sink.hbase.HBaseSink", "hdfs", "file_roll"),
      sink("HBase 2 sink", "hbase2", "org.apache.flume.sink.hbase2.HBase2Sink", "hdfs",
          "file_roll"),
      sink("asynchronous HBase sink", "asynchbase", "org.apache.flume.sink.hbase.AsyncHBaseSink",
          "hdfs", "file_roll"),
      sink("Elasticsearch sink", "elasticsearch",
          "org.apache.flume.sink.elasticsearch.ElasticSearchSink", "hdfs", "file_roll"),
      sink("Morphline Solr sink", "morphline_solr",
          "org.apache.flume.sink.solr.morphline.MorphlineSolrSink", "hdfs", "file_roll"),
      sink("Hive sink", "hive", "org.apache.flume.sink.hive.HiveSink", "hdfs"),
      sink("HTTP sink", "http", "org.apache.flume.sink.http.HttpSink", "avro"),
      sink("Kite dataset sink", null, "org.apache.flume.sink.kite.DatasetSink", "hdfs"),
      sink("Kafka sink", null, "org.apache.flume.sink.kafka.KafkaSink", "avro", "hdfs"),
      channel("JDBC channel", "jdbc", "org.apache.flume.channel.jdbc.JdbcChannel", "memory"),
      channel("spillable memory channel", "spillablememory",
          "org.apache.flume.channel.SpillableMemoryChannel", "memory"),
      channel("Kafka channel", null, "org.apache.flume.channel.kafka.KafkaChannel", "memory"));

  private FlumeOnlyTypes() {}

  /** The Flume type a {@code type} value names (alias in any case, or class name), if any. */
  static Optional<FlumeType> find(ComponentKind kind, String type) {
    String lower = type.strip().toLowerCase(Locale.ROOT);
    return TYPES.stream().filter(t -> t.kind() == kind)
        .filter(t -> lower.equals(t.alias()) || t.classNames().contains(type.strip()))
        .findFirst();
  }

  private static FlumeType source(String name, String alias, String className, String... instead) {
    return new FlumeType(ComponentKind.SOURCE, name, alias, List.of(className), List.of(instead));
  }

  private static FlumeType sink(String name, String alias, String className, String... instead) {
    return new FlumeType(ComponentKind.SINK, name, alias, List.of(className), List.of(instead));
  }

  private static FlumeType channel(String name, String alias, String className,
      String... instead) {
    return new FlumeType(ComponentKind.CHANNEL, name, alias, List.of(className), List.of(instead));
  }
}
