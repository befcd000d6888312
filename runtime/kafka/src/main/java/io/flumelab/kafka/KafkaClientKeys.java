package io.flumelab.kafka;

import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.SubKeys;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of Kafka's producer or consumer, as Kafka's own {@link ConfigDef} declares them: the
 * keys under {@code kafka.producer.} and {@code kafka.consumer.} are checked by Kafka's types and
 * validators, so {@code flume-ng check} reports Kafka's own message at the line. A few keys are
 * the component's to set (the brokers come from {@code kafka.bootstrap.servers}, the record types
 * from the component); setting them under the prefix is refused with the key to use.
 */
final class KafkaClientKeys implements SubKeys {

  static final KafkaClientKeys PRODUCER = new KafkaClientKeys("kafka.producer.",
      ProducerConfig.configDef(), Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "Set the brokers with kafka.bootstrap.servers.",
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          "Remove it: the sink sends the key header as a String key.",
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          "Remove it: the sink sends the body (or the Flume event) as bytes.",
          // without beginTransaction() every send of a transactional producer fails
          ProducerConfig.TRANSACTIONAL_ID_CONFIG,
          "Remove it: FlumeLab's Kafka sink and channel do not use Kafka transactions; a batch "
              + "commits once Kafka acknowledged every record (acks = all loses none)."));

  static final KafkaClientKeys CONSUMER = new KafkaClientKeys("kafka.consumer.",
      ConsumerConfig.configDef(), Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "Set the brokers with kafka.bootstrap.servers.",
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
          "Remove it: keys are read as Strings.",
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
          "Remove it: values are read as bytes.",
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
          "Remove it: offsets are committed after the channel transaction commits, never before."));

  private final String prefix;
  private final ConfigDef definition;
  private final Map<String, String> ownedByComponent;

  private KafkaClientKeys(String prefix, ConfigDef definition, Map<String, String> owned) {
    this.prefix = prefix;
    this.definition = definition;
    this.ownedByComponent = owned;
  }

  String prefix() {
    return prefix;
  }

  @Override
  public Set<String> known() {
    return definition.names();
  }

  @Override
  public Optional<Setting.Problem> problem(String subKey, String value) {
    String owned = ownedByComponent.get(subKey);
    if (owned != null) {
      return Optional.of(new Setting.Problem(prefix + subKey
          + " is decided by the component, not the file", owned));
    }
    ConfigDef.ConfigKey key = definition.configKeys().get(subKey);
    if (key == null || value == null) {
      return Optional.empty();
    }
    try {
      Object parsed = ConfigDef.parseType(subKey, value.trim(), key.type);
      if (key.validator != null) {
        key.validator.ensureValid(subKey, parsed);
      }
      return Optional.empty();
    } catch (ConfigException e) {
      return Optional.of(new Setting.Problem("Kafka says: " + e.getMessage(),
          "See Kafka's documentation of " + subKey + "."));
    }
  }

  /** Kafka's check of one sub-key, for a setting declared under the prefix ({@code acks}). */
  Check<String> check(String subKey) {
    return new Check<>("as Kafka's " + subKey, value -> problem(subKey, value).isEmpty(),
        value -> problem(subKey, value).map(Setting.Problem::getMessage).orElse(""),
        "See Kafka's documentation of " + subKey + ".");
  }
}
