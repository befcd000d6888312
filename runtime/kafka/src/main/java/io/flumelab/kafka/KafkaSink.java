package io.flumelab.kafka;

import static io.flumelab.core.spi.ComponentKind.SINK;

import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.core.spi.BatchSink;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to Kafka (types {@code kafka} and Flume's
 * {@code org.apache.flume.sink.kafka.KafkaSink}) with Flume 1.11's keys and defaults; how each
 * record is made is {@link EventRecords}'s.
 *
 * <p>A batch is one channel transaction, committed only after Kafka acknowledged every record of
 * it (with the producer's {@code acks}: 1 by default as in Flume, {@code all} for no loss when a
 * leader fails). A record that fails or times out fails the batch: it rolls back into the channel
 * and the sink backs off, so delivery is at least once (a retried batch may repeat records that
 * were written before the failure).
 *
 * <p>An event that can never be sent (a record over {@code max.request.size}, a partition header
 * that is not a number) fails its batch every time, as in Flume: it is named in the error with the
 * fix, and stays in the channel rather than being dropped, since FlumeLab loses no committed event.
 *
 * <p>The producer is made at the first batch, not at start, so an agent whose brokers are down or
 * unknown starts, and the sink backs off saying which brokers it tried.
 */
public class KafkaSink extends BatchSink implements Configurable {

  static final Setting<String> BOOTSTRAP_SERVERS = Setting.string("kafka.bootstrap.servers")
      .required(BootstrapServers.COURSE).deprecatedAlias("brokerList")
      .check(BootstrapServers.wellFormed()).warnUnless(BootstrapServers.resolvable())
      .doc("the brokers to start from, host:port separated by commas");
  static final Setting<String> TOPIC = Setting.string("kafka.topic")
      .defaultValue("default-flume-topic").deprecatedAlias("topic")
      .doc("the topic to publish to; may hold %{header} escapes");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("flumeBatchSize").defaultValue(100)
      .check(Check.atLeast(1)).deprecatedAlias("batchSize").deprecatedAlias("kafka.flumeBatchSize")
      .doc("events per channel transaction, all acknowledged before it commits (Apache Flume "
          + "ignores the spelling kafka.flumeBatchSize; FlumeLab reads it with a warning)");
  static final Setting<String> ACKS = Setting.string("kafka.producer.acks").defaultValue("1")
      .deprecatedAlias("requiredAcks").check(KafkaClientKeys.PRODUCER.check("acks"))
      .doc("the replicas that must have a record before it counts as sent: 0, 1 (the leader) or"
          + " all (-1), which loses nothing when a leader fails");
  // the sink flushes every batch, so Kafka's 16 KB cut a batch of 1000 events into many small
  // requests; one request per partition per flush took a quarter off the agent's CPU per event
  // (docs/benchmarks.md)
  static final Setting<Integer> PRODUCER_BATCH_BYTES = Setting.integer("kafka.producer.batch.size")
      .defaultValue(256 * 1024).check(Check.atLeast(0))
      .doc("bytes of records per partition in one request to a broker (Kafka's default is 16 KB;"
          + " FlumeLab's fits a flushed batch of events in one request)");
  static final Setting<Boolean> USE_FLUME_EVENT_FORMAT = Setting.bool("useFlumeEventFormat")
      .defaultValue(false)
      .doc("send the whole event (headers and body) in Flume's Avro format, not the body alone");
  static final Setting<Integer> DEFAULT_PARTITION_ID = Setting.integer("defaultPartitionId")
      .check(Check.atLeast(0))
      .doc("the partition of every event; by default Kafka's partitioner chooses (by key)");
  static final Setting<String> PARTITION_ID_HEADER = Setting.string("partitionIdHeader")
      .doc("the header whose value is the event's partition, over defaultPartitionId");
  static final Setting<Boolean> ALLOW_TOPIC_OVERRIDE = Setting.bool("allowTopicOverride")
      .defaultValue(true).doc("let an event's topicHeader header choose its topic");
  static final Setting<String> TOPIC_HEADER = Setting.string("topicHeader").defaultValue("topic")
      .doc("the header that names an event's topic, with allowTopicOverride");
  static final Setting<String> TIMESTAMP_HEADER = Setting.string("timestampHeader")
      .doc("the header holding the record's timestamp (ms); the time of sending by default");

  /** {@code header.NAME = kafkaName}: the event's header NAME goes on as Kafka header kafkaName. */
  static final String HEADER_PREFIX = "header.";

  public static final ComponentSpec SPEC = ComponentSpec.builder(SINK, "kafka", KafkaSink.class)
      .flumeClass("org.apache.flume.sink.kafka.KafkaSink")
      .settings(BOOTSTRAP_SERVERS, TOPIC, ACKS, PRODUCER_BATCH_BYTES, USE_FLUME_EVENT_FORMAT,
          DEFAULT_PARTITION_ID, PARTITION_ID_HEADER, ALLOW_TOPIC_OVERRIDE, TOPIC_HEADER,
          TIMESTAMP_HEADER)
      .batch(BATCH_SIZE)
      .passThrough(KafkaClientKeys.PRODUCER.prefix(), KafkaClientKeys.PRODUCER)
      .passThrough(HEADER_PREFIX)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

  private String bootstrapServers;
  private final Properties producerProperties = new Properties();
  private EventRecords records;
  private KafkaProducer<String, byte[]> producer;

  public KafkaSink() {
    super(BATCH_SIZE);
  }

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    bootstrapServers = settings.get(BOOTSTRAP_SERVERS).strip();
    configureBatch(settings);
    records = new EventRecords(new EventRecords.Options(settings.get(TOPIC).strip(),
        settings.get(ALLOW_TOPIC_OVERRIDE), settings.get(TOPIC_HEADER),
        settings.get(DEFAULT_PARTITION_ID), settings.get(PARTITION_ID_HEADER),
        settings.get(TIMESTAMP_HEADER), settings.under(HEADER_PREFIX),
        settings.get(USE_FLUME_EVENT_FORMAT)));
    producerProperties.clear();
    producerProperties.putAll(producerSettings(settings));
  }

  /** Kafka's producer settings: the prefix's keys, checked by Kafka, and the sink's own. */
  private Map<String, String> producerSettings(Settings settings) {
    Map<String, String> passed = settings.under(KafkaClientKeys.PRODUCER.prefix());
    Map<String, String> producer = new LinkedHashMap<>();
    passed.forEach((key, value) -> {
      // an unknown key is the checker's (an error, or in lenient mode Kafka's warning as Flume)
      String fullKey = KafkaClientKeys.PRODUCER.prefix() + key;
      KafkaClientKeys.PRODUCER.problem(key, value).ifPresent(problem -> {
        throw new ConfigurationException(fullKey, describe() + ": " + problem.getMessage(),
            problem.fix());
      });
      producer.put(key, value.strip());
    });
    producer.put(ProducerConfig.ACKS_CONFIG, settings.get(ACKS).strip());
    producer.put(ProducerConfig.BATCH_SIZE_CONFIG,
        String.valueOf(settings.get(PRODUCER_BATCH_BYTES)));
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        ByteArraySerializer.class.getName());
    try {
      // the rules between keys (idempotence needs acks=all, say) hold only for the whole set
      new ProducerConfig(new HashMap<>(producer));
    } catch (ConfigException e) {
      String key = passed.keySet().stream().filter(k -> e.getMessage().contains(k)).findFirst()
          .map(k -> KafkaClientKeys.PRODUCER.prefix() + k).orElse(ACKS.key());
      throw new ConfigurationException(key, describe() + ": Kafka says: " + e.getMessage(),
          "Change the kafka.producer settings so that Kafka accepts them together.");
    }
    return producer;
  }

  /** What the producer is made with, for one key; for tests. */
  String producerSetting(String key) {
    return producerProperties.getProperty(key);
  }

  @Override
  protected String describe() {
    return "Kafka sink " + getName();
  }



  @Override
  public synchronized void start() {
    super.start();
    LOG.info("{} publishes to {} (acks={})", describe(), bootstrapServers,
        producerProperties.getProperty(ProducerConfig.ACKS_CONFIG));
  }

  @Override
  public synchronized void stop() {
    closeProducer();
    super.stop();
  }

  /** Returns once Kafka acknowledged every record; anything else throws, rolling the batch back. */
  @Override
  protected void deliver(List<Event> events) throws IOException {
    KafkaProducer<String, byte[]> out = producer();
    List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Future<RecordMetadata> ack;
      try {
        ack = out.send(records.recordOf(events.get(i)));
      } catch (IllegalArgumentException | KafkaException e) {
        throw failed(events, i, e);
      }
      acks.add(ack);
      if (ack.isDone()) {
        // failed at once (no metadata within max.block.ms, too large): the rest would too
        await(ack, events, i);
      }
    }
    out.flush(); // as Flume: linger.ms must not hold a batch whose transaction waits
    IOException first = null;
    for (int i = 0; i < acks.size(); i++) {
      try {
        await(acks.get(i), events, i);
      } catch (IOException e) {
        first = first == null ? e : first; // wait for the rest: nothing of the batch stays in flight
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void await(Future<RecordMetadata> ack, List<Event> events, int index)
      throws IOException {
    try {
      ack.get();
    } catch (ExecutionException e) {
      throw failed(events, index, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(describe() + " was interrupted waiting for Kafka", e);
    }
  }

  private IOException failed(List<Event> events, int index, Throwable cause) {
    return new IOException(EventRecords.describe(events.get(index), index, events.size())
        + " was not sent: " + cause.getMessage(), cause);
  }

  @Override
  protected String deliveryFailed(Exception cause) {
    Throwable kafka = cause.getCause();
    if (kafka instanceof RecordTooLargeException) {
      return " (the event is larger than Kafka accepts, and will fail every time: raise "
          + KafkaClientKeys.PRODUCER.prefix() + "max.request.size and the topic's "
          + "max.message.bytes, or take the event out of the flow)";
    }
    if (kafka instanceof TimeoutException || kafka instanceof KafkaException
        && kafka.getCause() instanceof ConfigException) {
      return " (brokers tried: " + bootstrapServers + "; are they running and reachable?)";
    }
    return "";
  }

  private synchronized KafkaProducer<String, byte[]> producer() throws IOException {
    if (producer == null) {
      try {
        producer = new KafkaProducer<>(producerProperties);
      } catch (KafkaException e) {
        getCounter().incrementConnectionFailedCount();
        throw new IOException("cannot make a producer for " + bootstrapServers + ": "
            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
      }
      getCounter().incrementConnectionCreatedCount();
    }
    return producer;
  }

  private synchronized void closeProducer() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
      getCounter().incrementConnectionClosedCount();
    }
  }
}
