package io.flumelab.kafka;

import static io.flumelab.core.spi.ComponentKind.SOURCE;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.PollableSource;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.CountedSource;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Kafka topics into the channels (types {@code kafka} and Flume's
 * {@code org.apache.flume.source.kafka.KafkaSource}) with Flume 1.11's keys and defaults.
 *
 * <p>A batch (up to {@code batchSize} records, or what {@code batchDurationMillis} gathered) is
 * one channel transaction, and the consumer group's offsets are committed only after it committed:
 * a crash or a refused batch re-reads records, never skips them (at least once). A batch the
 * channels refuse is read again from its first offsets after the backoff. Records of partitions
 * taken away by a rebalance before their batch was written are left to their new reader.
 *
 * <p>Each event gets Flume's headers: {@code topic} (with {@code setTopicHeader}, under
 * {@code topicHeader}), {@code partition}, {@code offset}, {@code key} (when the record has one)
 * and {@code timestamp} (the time of reading, unless the event already has one), plus the Kafka
 * headers {@code header.NAME} names and the record's timestamp under {@code timestampHeader}.
 */
public class KafkaSource extends CountedSource
    implements PollableSource, Configurable, BatchSizeSupported {

  static final Setting<String> BOOTSTRAP_SERVERS = Setting.string("kafka.bootstrap.servers")
      .required(BootstrapServers.COURSE).check(BootstrapServers.wellFormed())
      .warnUnless(BootstrapServers.resolvable())
      .doc("the brokers to start from, host:port separated by commas");
  static final Setting<String> TOPICS = Setting.string("kafka.topics").deprecatedAlias("topic")
      .doc("the topics to read, separated by commas (this or kafka.topics.regex)");
  static final Setting<Pattern> TOPICS_REGEX = Setting.regex("kafka.topics.regex")
      .doc("a regular expression of the topics to read; wins over kafka.topics");
  static final Setting<String> GROUP_ID = Setting.string("kafka.consumer.group.id")
      .defaultValue("flume").deprecatedAlias("groupId")
      .doc("the consumer group: sources of one group share the partitions");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize").defaultValue(1000)
      .check(Check.atLeast(1)).doc("records per channel transaction");
  static final Setting<Long> BATCH_DURATION = Setting.millis("batchDurationMillis")
      .defaultValue(1000L).check(Check.atLeast(1))
      .doc("the longest a batch gathers records before it is written");
  static final Setting<Long> BACKOFF_SLEEP_INCREMENT = Setting.millis("backoffSleepIncrement")
      .defaultValue(1000L).doc("the pause after an empty poll, growing by this much each time");
  static final Setting<Long> MAX_BACKOFF_SLEEP = Setting.millis("maxBackoffSleep")
      .defaultValue(5000L).doc("the longest pause after empty polls");
  static final Setting<Boolean> USE_FLUME_EVENT_FORMAT = Setting.bool("useFlumeEventFormat")
      .defaultValue(false)
      .doc("read each record as a whole event (headers and body) in Flume's Avro format");
  static final Setting<Boolean> SET_TOPIC_HEADER = Setting.bool("setTopicHeader")
      .defaultValue(true).doc("put the record's topic in the topicHeader header");
  static final Setting<String> TOPIC_HEADER = Setting.string("topicHeader").defaultValue("topic")
      .doc("the header that gets the record's topic");
  static final Setting<String> TIMESTAMP_HEADER = Setting.string("timestampHeader")
      .doc("a header to get the record's Kafka timestamp (ms)");

  /** {@code header.NAME = kafkaName}: the record's Kafka header kafkaName becomes header NAME. */
  static final String HEADER_PREFIX = "header.";
  static final String PARTITION_HEADER = "partition";
  static final String OFFSET_HEADER = "offset";
  static final String TIMESTAMP = "timestamp";

  public static final ComponentSpec SPEC = ComponentSpec.builder(SOURCE, "kafka",
          KafkaSource.class)
      .flumeClass("org.apache.flume.source.kafka.KafkaSource")
      .settings(BOOTSTRAP_SERVERS, TOPICS, TOPICS_REGEX, GROUP_ID, BATCH_DURATION,
          BACKOFF_SLEEP_INCREMENT, MAX_BACKOFF_SLEEP, USE_FLUME_EVENT_FORMAT, SET_TOPIC_HEADER,
          TOPIC_HEADER, TIMESTAMP_HEADER, ZooKeeperKeys.ZOOKEEPER_CONNECT,
          ZooKeeperKeys.MIGRATE_ZOOKEEPER_OFFSETS)
      .batch(BATCH_SIZE)
      .passThrough(KafkaClientKeys.CONSUMER.prefix(), KafkaClientKeys.CONSUMER)
      .passThrough(HEADER_PREFIX)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSource.class);

  private String bootstrapServers;
  private List<String> topics = List.of();
  private Pattern topicsRegex;
  private int batchSize = BATCH_SIZE.defaultValue();
  private long batchDurationMillis;
  private long backoffIncrement;
  private long maxBackoff;
  private boolean flumeEventFormat;
  private boolean setTopicHeader;
  private String topicHeader;
  private String timestampHeader;
  private Map<String, String> flumeHeaderOfKafkaHeader = Map.of();
  private final Map<String, Object> consumerProperties = new HashMap<>();

  private KafkaConsumer<String, byte[]> consumer;
  /** The batch being gathered, by partition; a rebalance drops the partitions it takes away. */
  private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> pending =
      new LinkedHashMap<>();

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    bootstrapServers = settings.get(BOOTSTRAP_SERVERS).strip();
    String topicList = settings.get(TOPICS);
    topicsRegex = settings.get(TOPICS_REGEX);
    topics = topicList == null ? List.of() : BootstrapServers.entries(topicList);
    if (topics.isEmpty() && topicsRegex == null) {
      throw new ConfigurationException(TOPICS.key(), describe() + " needs the topics to read",
          "Add " + TOPICS.key() + " = first (topics separated by commas), or "
              + TOPICS_REGEX.key() + " = ^first.*");
    }
    batchSize = settings.get(BATCH_SIZE);
    batchDurationMillis = settings.get(BATCH_DURATION);
    backoffIncrement = settings.get(BACKOFF_SLEEP_INCREMENT);
    maxBackoff = settings.get(MAX_BACKOFF_SLEEP);
    flumeEventFormat = settings.get(USE_FLUME_EVENT_FORMAT);
    setTopicHeader = settings.get(SET_TOPIC_HEADER);
    topicHeader = settings.get(TOPIC_HEADER);
    timestampHeader = settings.get(TIMESTAMP_HEADER);
    Map<String, String> named = settings.under(HEADER_PREFIX);
    flumeHeaderOfKafkaHeader = new HashMap<>();
    named.forEach((flumeName, kafkaName) -> flumeHeaderOfKafkaHeader.put(kafkaName.strip(),
        flumeName));
    ZooKeeperKeys.refuse(settings, describe(), BOOTSTRAP_SERVERS);
    consumerProperties.clear();
    consumerProperties.putAll(consumerSettings(settings));
  }

  private Map<String, Object> consumerSettings(Settings settings) {
    Map<String, Object> props = new HashMap<>();
    settings.under(KafkaClientKeys.CONSUMER.prefix()).forEach((key, value) -> {
      KafkaClientKeys.CONSUMER.problem(key, value).ifPresent(problem -> {
        throw new ConfigurationException(KafkaClientKeys.CONSUMER.prefix() + key, describe()
            + ": " + problem.getMessage(), problem.fix());
      });
      props.put(key, value.strip());
    });
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.get(GROUP_ID).strip());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        ByteArrayDeserializer.class.getName());
    // offsets are committed by the source after the channel commits, never by the consumer
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try {
      new ConsumerConfig(new HashMap<>(props));
    } catch (ConfigException e) {
      throw new ConfigurationException(GROUP_ID.key(), describe() + ": Kafka says: "
          + e.getMessage(), "Change the kafka.consumer settings so that Kafka accepts them.");
    }
    return props;
  }

  @Override
  protected String describe() {
    return "Kafka source " + getName();
  }

  @Override
  public long getBatchSize() {
    return batchSize;
  }

  @Override
  public long getBackOffSleepIncrement() {
    return backoffIncrement;
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return maxBackoff;
  }

  @Override
  public synchronized void start() {
    try {
      consumer = new KafkaConsumer<>(consumerProperties);
    } catch (KafkaException e) {
      throw new IllegalStateException(describe() + " cannot make a consumer for "
          + bootstrapServers + ": " + (e.getCause() != null ? e.getCause().getMessage()
              : e.getMessage()), e);
    }
    ConsumerRebalanceListener listener = new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // not written yet, so not committed: the new owner reads them from the committed offset
        partitions.forEach(pending::remove);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.info("{} reads {}", describe(), partitions);
      }
    };
    if (topicsRegex != null) {
      consumer.subscribe(topicsRegex, listener);
    } else {
      consumer.subscribe(topics, listener);
    }
    super.start();
    LOG.info("{} reads {} from {} as group {}", describe(), topicsRegex != null
        ? "topics matching " + topicsRegex : topics, bootstrapServers,
        consumerProperties.get(ConsumerConfig.GROUP_ID_CONFIG));
  }

  @Override
  public synchronized void stop() {
    if (consumer != null) {
      consumer.close(Duration.ofSeconds(5)); // the runner's thread has ended: no poll is running
      consumer = null;
    }
    pending.clear();
    super.stop();
  }

  @Override
  public Status process() {
    long deadline = System.currentTimeMillis() + batchDurationMillis;
    int count = 0;
    while (count < batchSize) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(left))) {
        pending.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
            p -> new ArrayList<>()).add(record);
      }
      count = pending.values().stream().mapToInt(List::size).sum();
      if (count == 0) {
        break; // nothing within the first poll's wait: back off, as Flume does
      }
    }
    if (pending.isEmpty()) {
      return Status.BACKOFF;
    }
    return write() ? Status.READY : Status.BACKOFF;
  }

  /**
   * Writes up to a batch of the gathered records, the earliest of each partition, in one
   * transaction; commits their offsets only after it. What a poll brought beyond the batch waits
   * for the next one.
   */
  private boolean write() {
    List<Event> events = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    for (Map.Entry<TopicPartition, List<ConsumerRecord<String, byte[]>>> partition
        : pending.entrySet()) {
      List<ConsumerRecord<String, byte[]>> records = partition.getValue();
      first.put(partition.getKey(), records.get(0).offset());
      int take = Math.min(records.size(), batchSize - events.size());
      if (take == 0) {
        continue;
      }
      records.subList(0, take).forEach(record -> events.add(eventOf(record)));
      next.put(partition.getKey(), new OffsetAndMetadata(records.get(take - 1).offset() + 1));
      records.subList(0, take).clear();
    }
    pending.values().removeIf(List::isEmpty);
    getCounter().addToEventReceivedCount(events.size());
    getCounter().incrementAppendBatchReceivedCount();
    try {
      getChannelProcessor().processEventBatch(events);
    } catch (ChannelException e) {
      getCounter().incrementChannelWriteFail();
      // read the batch (and what waited behind it) again after the backoff: nothing of it was
      // committed, to Kafka or a channel
      pending.clear();
      first.forEach(consumer::seek);
      LOG.warn("{}: the channel refused {} events ({}); reading them again after a pause",
          describe(), events.size(), e.getMessage());
      return false;
    }
    getCounter().addToEventAcceptedCount(events.size());
    getCounter().incrementAppendBatchAcceptedCount();
    try {
      consumer.commitSync(next);
    } catch (KafkaException e) {
      // the events are in the channel; a later commit covers them, a crash first repeats them
      LOG.warn("{}: committing offsets {} failed ({}); the records may be read again", describe(),
          next, e.getMessage());
    }
    return true;
  }

  private Event eventOf(ConsumerRecord<String, byte[]> record) {
    Event event;
    if (flumeEventFormat) {
      try {
        event = FlumeEventFormat.decode(record.value());
      } catch (IllegalArgumentException e) {
        getCounter().incrementEventReadFail();
        LOG.warn("{}: record {}-{}@{} is not in Flume's event format ({}); its value becomes the "
            + "body", describe(), record.topic(), record.partition(), record.offset(),
            e.getMessage());
        event = EventBuilder.withBody(record.value());
      }
    } else {
      event = EventBuilder.withBody(record.value() == null ? new byte[0] : record.value());
    }
    Map<String, String> headers = event.getHeaders();
    for (Header header : record.headers()) {
      String flumeName = flumeHeaderOfKafkaHeader.get(header.key());
      if (flumeName != null && header.value() != null) {
        headers.put(flumeName, new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    headers.putIfAbsent(TIMESTAMP, String.valueOf(System.currentTimeMillis()));
    if (timestampHeader != null) {
      headers.put(timestampHeader, String.valueOf(record.timestamp()));
    }
    // as Flume: headers an event brought in Flume's format are kept
    if (setTopicHeader) {
      headers.putIfAbsent(topicHeader, record.topic());
    }
    headers.putIfAbsent(PARTITION_HEADER, String.valueOf(record.partition()));
    headers.putIfAbsent(OFFSET_HEADER, String.valueOf(record.offset()));
    if (record.key() != null) {
      headers.putIfAbsent(EventRecords.KEY_HEADER, record.key());
    }
    return event;
  }
}
