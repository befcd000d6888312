package io.flumelab.labs.kafkaapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Checks a student's client properties against the keys Kafka's producer or consumer knows, and
 * names today's key for each of the notes' Kafka 0.8-0.11 keys: the client itself only logs an
 * unknown key as a warning and goes on without it.
 */
final class ClientKeys {

  /** The old Scala clients' keys, and what replaced them. */
  private static final Map<String, String> OLD = Map.ofEntries(
      Map.entry("metadata.broker.list", "bootstrap.servers (the brokers to start from)"),
      Map.entry("serializer.class", "key.serializer and value.serializer (class names)"),
      Map.entry("key.serializer.class", "key.serializer"),
      Map.entry("request.required.acks", "acks"),
      Map.entry("producer.type", "nothing: today's producer always sends asynchronously "
          + "(call get() on send's Future, or flush(), to wait)"),
      Map.entry("zookeeper.connect", "bootstrap.servers: Kafka 4 has no ZooKeeper, and "
          + "consumers keep their offsets in Kafka (topic __consumer_offsets)"),
      Map.entry("zookeeper.session.timeout.ms", "session.timeout.ms"),
      Map.entry("zookeeper.sync.time.ms", "nothing (no ZooKeeper)"),
      Map.entry("auto.commit.enable", "enable.auto.commit"),
      Map.entry("deserializer.class", "key.deserializer and value.deserializer"));

  private ClientKeys() {}

  /** Checks a producer's properties and returns them. */
  static Properties assertProducerKeys(String who, Properties properties) {
    assertKeys(who, properties, ProducerConfig.configNames());
    assertHas(who, properties, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    return properties;
  }

  /** Checks a consumer's properties and returns them. */
  static Properties assertConsumerKeys(String who, Properties properties) {
    assertKeys(who, properties, ConsumerConfig.configNames());
    assertHas(who, properties, ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    Object reset = properties.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
    assertThat(reset == null || !List.of("smallest", "largest").contains(reset.toString()))
        .as("%s: auto.offset.reset = %s is the old consumer's value; today's are earliest and "
            + "latest", who, reset).isTrue();
    return properties;
  }

  private static void assertHas(String who, Properties properties, String... keys) {
    assertThat(properties.keySet()).as("%s: the keys a client cannot start without", who)
        .contains((Object[]) keys);
  }

  private static void assertKeys(String who, Properties properties, Set<String> known) {
    assertThat(properties).as("%s: the properties (null)", who).isNotNull();
    Set<String> problems = new TreeSet<>();
    for (Object key : properties.keySet()) {
      String name = key.toString();
      if (OLD.containsKey(name)) {
        problems.add(name + " is a key of Kafka 0.11's old clients; today's is " + OLD.get(name));
      } else if (!known.contains(name)) {
        problems.add(name + " is not a key this client knows (it would ignore it, with a warning)");
      }
    }
    assertThat(problems).as("%s: keys Kafka 4's client does not read", who).isEmpty();
  }
}
