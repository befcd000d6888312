package io.flumelab.kafka;

import static io.flumelab.core.spi.ComponentKind.CHANNEL;

import io.flumelab.api.AbstractLifecycleComponent;
import io.flumelab.api.Channel;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel kept in a Kafka topic (types {@code kafka} and Flume's
 * {@code org.apache.flume.channel.kafka.KafkaChannel}) with Flume 1.11's keys and defaults: what
 * the channel holds survives the agent, and sinks of several agents in one consumer group share
 * it.
 *
 * <p>Transactions mean what Flume's do ({@link ChannelTransaction}): a put commits once Kafka
 * acknowledged every record ({@code acks = all} by default); a take commits the group's offsets of
 * what it took, and a rolled-back take is taken again. Delivery is at least once: a put commit that
 * fails after some records reached Kafka repeats them when the source retries, and a take whose
 * offset commit Kafka refused is taken again if its partition changes reader first.
 *
 * <p>The producer and the consumers are made when first used, not at start, so an agent whose
 * brokers are down starts, and puts and takes fail (and back off) saying which brokers were tried.
 */
public class KafkaChannel extends AbstractLifecycleComponent
    implements Channel, Configurable, Counted {

  static final Setting<String> BOOTSTRAP_SERVERS = Setting.string("kafka.bootstrap.servers")
      .required(BootstrapServers.COURSE).deprecatedAlias("brokerList")
      .check(BootstrapServers.wellFormed()).warnUnless(BootstrapServers.resolvable())
      .doc("the brokers to start from, host:port separated by commas");
  static final Setting<String> TOPIC = Setting.string("kafka.topic").defaultValue("flume-channel")
      .deprecatedAlias("topic").doc("the topic that holds the channel's events");
  static final Setting<String> GROUP_ID = Setting.string("kafka.consumer.group.id")
      .defaultValue("flume").deprecatedAlias("groupId")
      .doc("the consumer group of the channel's takers: channels of one topic and group share "
          + "its events, each taken once");
  static final Setting<Boolean> PARSE_AS_FLUME_EVENT = Setting.bool("parseAsFlumeEvent")
      .defaultValue(true).doc("store each event whole (headers and body) in Flume's Avro format;"
          + " false stores the body alone, for topics other programs write or read");
  static final Setting<Long> POLL_TIMEOUT = Setting.millis("pollTimeout").defaultValue(500L)
      .alias("kafka.pollTimeout")
      .doc("how long a take waits for records when none are waiting");
  static final Setting<Integer> DEFAULT_PARTITION_ID = Setting.integer("defaultPartitionId")
      .check(Check.atLeast(0))
      .doc("the partition of every event; by default Kafka's partitioner chooses (by key)");
  static final Setting<String> PARTITION_ID_HEADER = Setting.string("partitionIdHeader")
      .doc("the header whose value is the event's partition, over defaultPartitionId");
  static final Setting<String> ACKS = Setting.string("kafka.producer.acks").defaultValue("all")
      .check(KafkaClientKeys.PRODUCER.check("acks"))
      .doc("the replicas that must have a put's records before it commits: all (Flume's default "
          + "for the channel) loses nothing when a leader fails");
  static final Setting<String> AUTO_OFFSET_RESET =
      Setting.string("kafka.consumer.auto.offset.reset").defaultValue("earliest")
          .check(KafkaClientKeys.CONSUMER.check("auto.offset.reset"))
          .doc("where a group without committed offsets starts; earliest (Flume: latest, which "
              + "skips what was put before the first take)");
  static final Setting<Boolean> READ_SMALLEST_OFFSET = Setting.bool("readSmallestOffset")
      .warnUnless(new Check<>("deprecated", value -> false, value -> "'readSmallestOffset' is "
          + "deprecated; it still sets kafka.consumer.auto.offset.reset = "
          + (value ? "earliest" : "latest") + ", unless that is set too",
          "Write kafka.consumer.auto.offset.reset = earliest (for true) or latest (for false)."))
      .doc("deprecated: true reads a new group's topic from the start (earliest), false from "
          + "its end (latest); kafka.consumer.auto.offset.reset wins");

  public static final ComponentSpec SPEC = ComponentSpec.builder(CHANNEL, "kafka",
          KafkaChannel.class)
      .flumeClass("org.apache.flume.channel.kafka.KafkaChannel")
      .settings(BOOTSTRAP_SERVERS, TOPIC, GROUP_ID, PARSE_AS_FLUME_EVENT, POLL_TIMEOUT,
          DEFAULT_PARTITION_ID, PARTITION_ID_HEADER, ACKS, AUTO_OFFSET_RESET, READ_SMALLEST_OFFSET,
          ZooKeeperKeys.ZOOKEEPER_CONNECT,
          ZooKeeperKeys.MIGRATE_ZOOKEEPER_OFFSETS)
      .passThrough(KafkaClientKeys.PRODUCER.prefix(), KafkaClientKeys.PRODUCER)
      .passThrough(KafkaClientKeys.CONSUMER.prefix(), KafkaClientKeys.CONSUMER)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(KafkaChannel.class);

  private String bootstrapServers;
  private String topic = TOPIC.defaultValue();
  private boolean parseAsFlumeEvent = PARSE_AS_FLUME_EVENT.defaultValue();
  private Duration pollTimeout = Duration.ofMillis(POLL_TIMEOUT.defaultValue());
  private EventRecords records;
  private final Properties producerProperties = new Properties();
  private final Properties consumerProperties = new Properties();

  private volatile KafkaChannelCounter counter;
  private KafkaProducer<String, byte[]> producer;
  private final List<Taker> takers = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Taker> threadTaker = new ThreadLocal<>();
  private final ThreadLocal<ChannelTransaction> threadTransaction = new ThreadLocal<>();

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, describe());
    bootstrapServers = settings.get(BOOTSTRAP_SERVERS).strip();
    topic = settings.get(TOPIC).strip();
    parseAsFlumeEvent = settings.get(PARSE_AS_FLUME_EVENT);
    pollTimeout = Duration.ofMillis(settings.get(POLL_TIMEOUT));
    records = new EventRecords(new EventRecords.Options(topic, false, null,
        settings.get(DEFAULT_PARTITION_ID), settings.get(PARTITION_ID_HEADER), null, Map.of(),
        parseAsFlumeEvent));
    ZooKeeperKeys.refuse(settings, describe(), BOOTSTRAP_SERVERS);
    producerProperties.clear();
    producerProperties.putAll(clientSettings(settings, KafkaClientKeys.PRODUCER, Map.of(
        ProducerConfig.ACKS_CONFIG, settings.get(ACKS).strip(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())));
    consumerProperties.clear();
    consumerProperties.putAll(clientSettings(settings, KafkaClientKeys.CONSUMER, Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, settings.get(GROUP_ID).strip(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset(settings),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        // offsets are committed by take transactions, never by the consumer on its own
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")));
  }

  /** Flume's deprecated {@code readSmallestOffset} counts only when today's key is not set. */
  private static String offsetReset(Settings settings) {
    Boolean readSmallest = settings.get(READ_SMALLEST_OFFSET);
    if (settings.isSet(AUTO_OFFSET_RESET) || readSmallest == null) {
      return settings.get(AUTO_OFFSET_RESET).strip();
    }
    return readSmallest ? "earliest" : "latest";
  }

  /** A client's settings: the prefix's keys, checked by Kafka, then the channel's own. */
  private Map<String, String> clientSettings(Settings settings, KafkaClientKeys keys,
      Map<String, String> own) {
    Map<String, String> passed = settings.under(keys.prefix());
    Map<String, String> client = new HashMap<>();
    passed.forEach((key, value) -> {
      keys.problem(key, value).ifPresent(problem -> {
        throw new ConfigurationException(keys.prefix() + key, describe() + ": "
            + problem.getMessage(), problem.fix());
      });
      client.put(key, value.strip());
    });
    client.putAll(own);
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try {
      // the rules between keys (idempotence needs acks=all, say) hold only for the whole set
      if (keys == KafkaClientKeys.PRODUCER) {
        new ProducerConfig(new HashMap<>(client));
      } else {
        new ConsumerConfig(new HashMap<>(client));
      }
    } catch (ConfigException e) {
      String key = passed.keySet().stream().filter(k -> e.getMessage().contains(k)).findFirst()
          .map(k -> keys.prefix() + k).orElse(BOOTSTRAP_SERVERS.key());
      throw new ConfigurationException(key, describe() + ": Kafka says: " + e.getMessage(),
          "Change the " + keys.prefix() + "* settings so that Kafka accepts them together.");
    }
    return client;
  }

  String describe() {
    return "Kafka channel " + getName();
  }

  @Override
  public ChannelCounter getCounter() {
    return counter();
  }

  KafkaChannelCounter counter() {
    KafkaChannelCounter current = counter;
    if (current == null) {
      synchronized (this) {
        if (counter == null) {
          counter = new KafkaChannelCounter(getName());
        }
        current = counter;
      }
    }
    return current;
  }

  EventRecords records() {
    return records;
  }

  boolean parseAsFlumeEvent() {
    return parseAsFlumeEvent;
  }

  @Override
  public synchronized void start() {
    counter().start();
    super.start();
    LOG.info("{} keeps its events in topic {} on {} (group {}, acks={})", describe(), topic,
        bootstrapServers, consumerProperties.get(ConsumerConfig.GROUP_ID_CONFIG),
        producerProperties.get(ProducerConfig.ACKS_CONFIG));
  }

  @Override
  public synchronized void stop() {
    // the agent stops the sinks before their channels: no taker is polling now
    takers.forEach(Taker::close);
    takers.clear();
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
    counter().stop();
    super.stop();
  }

  @Override
  public Transaction getTransaction() {
    ChannelTransaction transaction = threadTransaction.get();
    if (transaction == null || transaction.state() == ChannelTransaction.State.CLOSED) {
      transaction = new ChannelTransaction(this);
      threadTransaction.set(transaction);
    }
    return transaction;
  }

  @Override
  public void put(Event event) throws ChannelException {
    current("put").put(event);
  }

  @Override
  public Event take() throws ChannelException {
    return current("take").take();
  }

  private ChannelTransaction current(String operation) {
    ChannelTransaction transaction = threadTransaction.get();
    if (transaction == null) {
      throw new ChannelException(operation + "() on " + describe() + " outside a transaction: "
          + "call getTransaction() and begin() first, then " + operation + ", then commit() or "
          + "rollback(), and close()");
    }
    return transaction;
  }

  /** The calling thread's reader, made at its first take (again after a restart). */
  Taker taker() {
    Taker taker = threadTaker.get();
    if (taker == null || taker.isClosed()) {
      // a consumer nobody polls keeps its partitions from the group until max.poll.interval.ms
      takers.stream().filter(Taker::isOrphaned).forEach(orphan -> {
        orphan.close();
        takers.remove(orphan);
      });
      try {
        taker = new Taker(describe() + " (" + Thread.currentThread().getName() + ")",
            consumerProperties, topic, pollTimeout);
      } catch (KafkaException e) {
        throw new ChannelException(describe() + " cannot make a consumer for " + bootstrapServers
            + ": " + rootMessage(e), e);
      }
      threadTaker.set(taker);
      takers.add(taker);
    }
    return taker;
  }

  /**
   * Sends a put transaction's records and returns once Kafka acknowledged every one; anything
   * else is a {@link ChannelException} naming the event and the brokers tried.
   */
  void sendAll(List<ProducerRecord<String, byte[]>> batch, List<Event> events) {
    KafkaProducer<String, byte[]> out = producer();
    List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
    try {
      for (ProducerRecord<String, byte[]> record : batch) {
        acks.add(out.send(record));
      }
    } catch (KafkaException e) {
      throw notSent(events, acks.size(), e);
    }
    out.flush(); // linger.ms must not hold records whose commit waits for them
    ChannelException first = null;
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get();
      } catch (ExecutionException e) {
        first = first != null ? first : notSent(events, i, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChannelException(describe() + " was interrupted waiting for Kafka to "
            + "acknowledge a put; roll the transaction back", e);
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private ChannelException notSent(List<Event> events, int index, Throwable cause) {
    return new ChannelException(describe() + ": " + EventRecords.describe(events.get(index), index,
        events.size()) + " was not acknowledged by Kafka (brokers tried: " + bootstrapServers
        + "): " + cause.getMessage() + ". Roll the transaction back and retry after a pause.",
        cause);
  }

  private synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      try {
        producer = new KafkaProducer<>(producerProperties);
      } catch (KafkaException e) {
        throw new ChannelException(describe() + " cannot make a producer for "
            + bootstrapServers + ": " + rootMessage(e), e);
      }
    }
    return producer;
  }

  private static String rootMessage(KafkaException e) {
    return e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
  }

  @Override
  public String toString() {
    return "KafkaChannel{name:" + getName() + ", topic:" + topic + "}";
  }
}
